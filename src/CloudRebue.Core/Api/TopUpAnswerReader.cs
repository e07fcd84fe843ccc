using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CloudRebue.Core.Serialization;
using CloudRebue.Core.Time;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// Turns what came back from <c>account/top-up</c> into a <see cref="TopUpResult"/>. A top-up moves money,
    /// so only answers that say nothing happened are Failed (safe to repeat); anything after the request went
    /// out without a readable answer is Unknown (reference/API.md: not safe to retry after an ambiguous failure).
    /// </summary>
    internal static class TopUpAnswerReader
    {
        private const string CheckFirst = " Check the sub-account's balance (the provider's dashboard) before repeating it: the module never repeats a top-up by itself.";

        public static TopUpResult FromTransportFailure(TopUpRequest request, ApiFailureKind kind, string description)
        {
            bool notSent = kind == ApiFailureKind.Unreachable;
            return new TopUpResult(request, notSent ? TopUpStatus.Failed : TopUpStatus.Unknown)
            {
                Error = notSent ? description + " Nothing moved; it is safe to run the top-up again." : description + CheckFirst,
                ErrorId = notSent ? TopUpErrorIds.NotDone : TopUpErrorIds.OutcomeUnknown,
                FailureKind = kind,
            };
        }

        /// <param name="request">What was asked.</param>
        /// <param name="status">The HTTP status.</param>
        /// <param name="body">The answer's body.</param>
        /// <param name="apiSaid">The API's own words from an error body, already scrubbed of the token.</param>
        /// <param name="describe">The client's description of a failed status (names the URL and the status).</param>
        public static TopUpResult FromAnswer(TopUpRequest request, int status, byte[] body, string apiSaid, Func<ApiFailureKind, string> describe)
        {
            string target = $"The top-up of {request.Describe()} to sub-account {request.AccountId}";
            ApiFailureKind? failure = FailureClassifier.FromStatus(status);
            switch (failure)
            {
                case null:
                    return FromSuccessStatus(request, status, body, apiSaid, target);
                case ApiFailureKind.TokenRejected:
                    return Failed(request, status, TopUpErrorIds.Refused, describe(ApiFailureKind.TokenRejected), failure);
                case ApiFailureKind.RateLimited:
                case ApiFailureKind.Unavailable:
                    return Failed(request, status, TopUpErrorIds.NotDone, describe(failure.Value) + " Nothing moved; it is safe to run the top-up again later.", failure);
                case ApiFailureKind.ServerError:
                    return new TopUpResult(request, TopUpStatus.Unknown) { HttpStatus = status, Error = describe(failure.Value) + CheckFirst, ErrorId = TopUpErrorIds.OutcomeUnknown, FailureKind = failure };
            }

            if (status == 403)
            {
                return Failed(request, status, TopUpErrorIds.NotSubAccount,
                    $"{target} was refused (403): account {request.AccountId} is not a sub-account of the connected account.{Said(apiSaid)} Check -AccountId, and that you connected with the parent account's token.", failure);
            }

            if (status == 422)
            {
                var result = Failed(request, status, TopUpErrorIds.Invalid, $"{target} was refused as invalid (422).{Said(apiSaid)} Correct the values and run it again.", failure);
                result.FieldErrors = FieldErrors(body);
                return result;
            }

            return Failed(request, status, TopUpErrorIds.Refused, describe(failure!.Value) + " Nothing moved.", failure);
        }

        private static TopUpResult FromSuccessStatus(TopUpRequest request, int status, byte[] body, string apiSaid, string target)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(body);
                JsonElement root = document.RootElement;
                bool? ok = JsonValues.Flag(root, "status");
                if (ok == false)
                {
                    return Failed(request, status, TopUpErrorIds.Refused, $"{target} was refused: the API answered status false.{Said(apiSaid)} Nothing moved.", null);
                }

                JsonElement? data = JsonValues.Object(root, "data");
                if (ok == true && data != null)
                {
                    JsonElement d = data.Value;
                    string? created = JsonValues.Text(d, "created_at");
                    return new TopUpResult(request, TopUpStatus.Succeeded)
                    {
                        HttpStatus = status,
                        InitialUnits = JsonValues.Number(d, "initial_units"),
                        UpdatedUnits = JsonValues.Number(d, "updated_units"),
                        UpdatedBalanceKes = JsonValues.Number(d, "updated_balance_kes"),
                        ParentBalanceKes = JsonValues.Number(d, "parent_balance_kes"),
                        CreatedAt = created != null && ProviderTime.TryParse(created, out DateTimeOffset at) ? at : (DateTimeOffset?)null,
                    };
                }
            }
            catch (JsonException)
            {
                // Falls through: an unreadable 200 is not proof of anything.
            }

            return new TopUpResult(request, TopUpStatus.Unknown)
            {
                HttpStatus = status,
                Error = $"{target} got answer {status} with a body that is not the documented answer; it may or may not have moved." + CheckFirst,
                ErrorId = TopUpErrorIds.OutcomeUnknown,
                FailureKind = ApiFailureKind.UnreadableResponse,
            };
        }

        private static TopUpResult Failed(TopUpRequest request, int status, string errorId, string error, ApiFailureKind? kind) =>
            new TopUpResult(request, TopUpStatus.Failed) { HttpStatus = status, Error = error, ErrorId = errorId, FailureKind = kind };

        private static string Said(string apiSaid) => apiSaid.Length > 0 ? " The API said: " + apiSaid.TrimEnd('.') + "." : string.Empty;

        // Laravel puts field messages under "errors"; API.md says the top-up's 422 has them under "message".
        private static IReadOnlyDictionary<string, string[]> FieldErrors(byte[] body)
        {
            var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
            try
            {
                using JsonDocument document = JsonDocument.Parse(body);
                foreach (string name in new[] { "errors", "message" })
                {
                    if (JsonValues.Object(document.RootElement, name) is JsonElement errors)
                    {
                        foreach (JsonProperty field in errors.EnumerateObject())
                        {
                            string[] messages = field.Value.ValueKind == JsonValueKind.Array
                                ? field.Value.EnumerateArray().Select(m => m.ToString()).ToArray()
                                : new[] { field.Value.ToString() };
                            fields[field.Name] = fields.TryGetValue(field.Name, out string[]? known) ? known.Concat(messages).Distinct().ToArray() : messages;
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // No field detail; the error message still quotes the body.
            }

            return fields;
        }
    }
}
