using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// One account's HTTP client: one HttpClient over our own handler, the bearer token set once. Every
    /// call honours the caller's cancellation and our timeout, and no message it produces contains the token.
    /// </summary>
    public sealed partial class CloudRebueClient : IDisposable
    {
        private readonly HttpClient _http;
        private readonly TimeProvider _time;
        private readonly ApiToken _token;
        private readonly ServerTextScrubber _scrubber;
        private string? _account;

        // The cmdlets call this overload: its signature names no TimeProvider, a dependency type on netstandard
        // (Microsoft.Bcl.TimeProvider) that must not cross into the cmdlet assembly (docs/ARCHITECTURE.md, "Loading beside other modules").
        public CloudRebueClient(CloudRebueClientOptions options)
            : this(options, null, null)
        {
        }

        public CloudRebueClient(CloudRebueClientOptions options, HttpMessageHandler? handler, TimeProvider? timeProvider = null)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            BaseUri = CloudRebueClientOptions.NormalizeBaseUri(options.BaseUri);
            Timeout = options.Timeout;
            Brand = BrandProfile.For(options.Brand);
            _token = options.Token;
            _scrubber = new ServerTextScrubber(_token.Reveal());
            _time = timeProvider ?? TimeProvider.System;
            _http = new HttpClient(handler ?? HttpHandlerFactory.Create(options), disposeHandler: true)
            {
                BaseAddress = BaseUri,
                Timeout = System.Threading.Timeout.InfiniteTimeSpan, // our own timeout, so it can be told from a user's cancel
            };
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token.Reveal());
            _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            string version = typeof(CloudRebueClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
            _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("CloudRebue.PowerShell", version.Split('+')[0]));
        }

        public Uri BaseUri { get; }

        public TimeSpan Timeout { get; }

        /// <summary>The field names and abilities of the API this client talks to.</summary>
        public BrandProfile Brand { get; }

        public string TokenHint => _token.Hint;

        public DateTimeOffset? TokenExpiresAt => _token.ExpiresAt;

        /// <summary>The account's identity for send journals (<see cref="AccountIdentity"/>): not secret.</summary>
        public string Account => _account ??= AccountIdentity.Of(_token);

        /// <summary><c>GET account/balance</c>. Throws <see cref="CloudRebueApiException"/> on any failure.</summary>
        public async Task<BalanceInfo> GetBalanceAsync(CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "account/balance");
            (HttpResponseMessage? response, byte[] body, Exception? error) = await SendWithTimeoutAsync(request, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                Uri uri = new Uri(BaseUri, "account/balance");
                if (response == null)
                {
                    ApiFailureKind kind = FailureClassifier.FromException(error!);
                    throw new CloudRebueApiException(kind, DescribeTransportFailure(kind, uri, error!), null, Scrub(error!));
                }

                int status = (int)response.StatusCode;
                ApiFailureKind? failure = FailureClassifier.FromStatus(status);
                if (failure != null)
                {
                    throw new CloudRebueApiException(failure.Value, DescribeStatusFailure(failure.Value, uri, status, body), status);
                }

                return BalanceParser.TryParse(body) ?? throw new CloudRebueApiException(
                    ApiFailureKind.UnreadableResponse,
                    $"{uri} answered {status} but the body has no account_units, balance_kes or balance_minor. Check that -BaseUri points at the API root (it ends in /api/v1).",
                    status);
            }
        }

        /// <summary>
        /// One <c>POST send-sms</c> with the whole batch; <paramref name="requestWritten"/> runs once the body is on the
        /// connection. Never throws for an HTTP or transport failure: the outcome is classified so the caller can
        /// decide on retries. Throws only when the caller cancels.
        /// </summary>
        internal Task<SendAttempt> SendBatchAsync(IReadOnlyList<ISmsRequestItem> messages, Action? requestWritten, CancellationToken cancellationToken) =>
            PostMessagesAsync("send-sms", SendRequestWriter.Write(messages, Brand), messages.Count, requestWritten, cancellationToken);

        // One POST of message objects (send-sms, voice-sms) whose answer has one entry per object, classified the same way.
        private async Task<SendAttempt> PostMessagesAsync(string path, byte[] json, int count, Action? requestWritten, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new WriteNotifyingContent(json, requestWritten),
            };

            (HttpResponseMessage? response, byte[] body, Exception? error) = await SendWithTimeoutAsync(request, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                Uri uri = new Uri(BaseUri, path);
                if (response == null)
                {
                    ApiFailureKind kind = FailureClassifier.FromException(error!);
                    return SendAttempt.Failed(kind, DescribeTransportFailure(kind, uri, error!));
                }

                int status = (int)response.StatusCode;
                ApiFailureKind? failure = FailureClassifier.FromStatus(status);
                if (failure != null)
                {
                    return SendAttempt.Failed(failure.Value, DescribeStatusFailure(failure.Value, uri, status, body), status, FailureClassifier.RetryAfter(response, _time.GetUtcNow()));
                }

                IReadOnlyList<SendItemResult>? items = ScrubItems(SendResponseParser.TryParse(body, count));
                return items != null
                    ? SendAttempt.Answered(items, status)
                    : SendAttempt.Failed(ApiFailureKind.UnreadableResponse, $"{uri} answered {status} with a body that is not one result per message; the messages may or may not have been queued.", status);
            }
        }

        public void Dispose() => _http.Dispose();

        private async Task<(HttpResponseMessage? Response, byte[] Body, Exception? Error)> SendWithTimeoutAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using CancellationTokenSource timeout = _time.CreateCancellationTokenSource(Timeout);
            using CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
                byte[] body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                return (response, body, null);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is HttpRequestException || ex is OperationCanceledException || ex is System.IO.IOException))
            {
                return (null, Array.Empty<byte>(), ex);
            }
        }

        private string DescribeTransportFailure(ApiFailureKind kind, Uri uri, Exception error)
        {
            string cause = Scrub(error).Message;
            switch (kind)
            {
                case ApiFailureKind.Unreachable:
                    return $"Could not connect to {uri}: {cause} Check the address (-BaseUri), the network and any proxy (-Proxy).";
                case ApiFailureKind.Timeout:
                    return $"{uri} did not answer within {Timeout.TotalSeconds:0.#} s; the request may or may not have been acted on. Raise -TimeoutSec if the network is slow.";
                default:
                    return $"The connection to {uri} broke after the request was sent ({cause}); it may or may not have been acted on.";
            }
        }

        private string DescribeStatusFailure(ApiFailureKind kind, Uri uri, int status, byte[] body)
        {
            string api = FailureClassifier.ApiMessage(body, ScrubText);
            string said = api.Length > 0 ? $" The API said: {Sentence(api)}" : string.Empty;
            switch (kind)
            {
                case ApiFailureKind.TokenRejected:
                    // Where exactly the portal keeps tokens is not documented; the API host is the portal's host.
                    return $"{uri} rejected the token (401): it is wrong, revoked or expired.{said} Generate a new API token in your account on the web portal at {uri.GetLeftPart(UriPartial.Authority)}, then connect again: Connect-CloudRebue -Token (Read-Host -AsSecureString 'CloudRebue API token').";
                case ApiFailureKind.RateLimited:
                    return $"{uri} answered 429 Too Many Requests.{said}";
                case ApiFailureKind.Unavailable:
                    return $"{uri} answered 503 Service Unavailable.{said} Try again later.";
                case ApiFailureKind.ServerError:
                    return $"{uri} answered {status}, a server error; the request may or may not have been acted on.{said}";
                default:
                    // A -BaseUri without /api/v1 (or with a typo) reaches the web site, which knows no such page.
                    string where = status == 404
                        ? $" Check -BaseUri: the API's address ends in /api/v1 (for example {CloudRebueClientOptions.DefaultBaseUri}); it was {BaseUri}."
                        : string.Empty;
                    return $"{uri} refused the request with {status}.{said}{where}";
            }
        }

        // Server text often lacks a full stop; without one, our next sentence would run into it.
        private static string Sentence(string text)
        {
            string trimmed = text.TrimEnd();
            char last = trimmed.Length == 0 ? '.' : trimmed[trimmed.Length - 1];
            return last == '.' || last == '!' || last == '?' ? trimmed : trimmed + ".";
        }

        // Exceptions from the network carry text from outside; none of it may echo the token, even in part.
        private Exception Scrub(Exception error)
        {
            string text = error.ToString();
            return ReferenceEquals(_scrubber.Clean(text), text) ? error : new HttpRequestException(ScrubText(error.Message));
        }

        private string ScrubText(string text) => _scrubber.Clean(text)!;

        // Every field of every entry came from the server: the same scrubber before any of it is kept.
        private IReadOnlyList<SendItemResult>? ScrubItems(IReadOnlyList<SendItemResult>? items)
        {
            if (items == null)
            {
                return null;
            }

            SendItemResult[]? copy = null;
            for (int i = 0; i < items.Count; i++)
            {
                SendItemResult item = items[i];
                SendItemResult clean = new SendItemResult(item.Accepted, _scrubber.Clean(item.Message), _scrubber.Clean(item.Correlator), _scrubber.Clean(item.UniqueId), _scrubber.Clean(item.Phone), _scrubber.Clean(item.Operator), item.SmsUnits, _scrubber.Clean(item.BatchId));
                if (!clean.SameTextAs(item))
                {
                    copy ??= items.ToArray();
                    copy[i] = clean;
                }
            }

            return copy ?? items;
        }
    }
}
