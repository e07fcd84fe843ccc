using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace CloudRebue.Core.Api
{
    /// <summary>The sub-account top-up call, beside the client's send and balance calls.</summary>
    public sealed partial class CloudRebueClient
    {
        /// <summary>
        /// One <c>POST account/top-up</c>, never retried. Never throws for an HTTP or transport failure: the result
        /// says Failed (nothing moved) or Unknown (it may have moved). Throws only when the caller cancels.
        /// </summary>
        public async Task<TopUpResult> TopUpAsync(TopUpRequest topUp, CancellationToken cancellationToken)
        {
            if (topUp is null)
            {
                throw new ArgumentNullException(nameof(topUp));
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, "account/top-up")
            {
                Content = new ByteArrayContent(topUp.ToJson()),
            };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

            (HttpResponseMessage? response, byte[] body, Exception? error) = await SendWithTimeoutAsync(request, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                Uri uri = new Uri(BaseUri, "account/top-up");
                if (response == null)
                {
                    ApiFailureKind kind = FailureClassifier.FromException(error!);
                    return TopUpAnswerReader.FromTransportFailure(topUp, kind, DescribeTransportFailure(kind, uri, error!));
                }

                int status = (int)response.StatusCode;
                string said = FailureClassifier.ApiMessage(body, ScrubText);
                return TopUpAnswerReader.FromAnswer(topUp, status, body, said, kind => DescribeStatusFailure(kind, uri, status, body));
            }
        }
    }
}
