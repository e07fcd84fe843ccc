namespace CloudRebue.Core.Api
{
    /// <summary>Why a call to the API did not succeed, in the terms a caller acts on.</summary>
    public enum ApiFailureKind
    {
        /// <summary>401: the token is wrong, revoked or missing.</summary>
        TokenRejected,

        /// <summary>The host could not be reached: no request was sent.</summary>
        Unreachable,

        /// <summary>No answer within the timeout: the API may or may not have acted.</summary>
        Timeout,

        /// <summary>The connection broke after the request was sent: the API may or may not have acted.</summary>
        ConnectionLost,

        /// <summary>429: too many requests.</summary>
        RateLimited,

        /// <summary>503: the service is unavailable and did not act.</summary>
        Unavailable,

        /// <summary>Another 5xx: the API may or may not have acted.</summary>
        ServerError,

        /// <summary>A 4xx other than 401 and 429: the API refused the request and did not act.</summary>
        Refused,

        /// <summary>A 2xx whose body could not be read.</summary>
        UnreadableResponse,
    }
}
