namespace CloudRebue.Core.Api
{
    /// <summary>Stable ErrorIds of a top-up that did not succeed.</summary>
    public static class TopUpErrorIds
    {
        /// <summary>403: the account is not a sub-account of the connected account.</summary>
        public const string NotSubAccount = "CloudRebue.TopUpNotSubAccount";

        /// <summary>422: the API's validation refused the values (each field's messages are in the error).</summary>
        public const string Invalid = "CloudRebue.TopUpInvalid";

        /// <summary>Any other refusal (another 4xx, or an answer with status false): nothing moved.</summary>
        public const string Refused = "CloudRebue.TopUpRefused";

        /// <summary>The request never reached the API, or the API said it did not act (429, 503): nothing moved.</summary>
        public const string NotDone = "CloudRebue.TopUpNotDone";

        /// <summary>No readable answer after the request went out: it may or may not have moved.</summary>
        public const string OutcomeUnknown = "CloudRebue.TopUpOutcomeUnknown";
    }
}
