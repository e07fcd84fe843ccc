using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CloudRebue.Simulator;

/// <summary>
/// The bodies the API answers with outside the per-item results. The fixed ones are encoded once.
/// Where the provider's docs are silent, the body is what Laravel (the provider's framework) sends.
/// </summary>
internal static class ApiResponses
{
    public const string JsonContentType = "application/json";

    public static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep message texts readable in the answer; the output is still valid JSON.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private static readonly byte[] Unauthenticated = Encoding.UTF8.GetBytes("""{"status":false,"message":"Unauthenticated."}""");
    private static readonly byte[] TooManyAttemptsBody = Encoding.UTF8.GetBytes("""{"message":"Too Many Attempts."}""");
    private static readonly byte[] ServiceUnavailableBody = Encoding.UTF8.GetBytes("""{"message":"Service Unavailable"}""");
    private static readonly byte[] ServerErrorBody = Encoding.UTF8.GetBytes("""{"message":"Server Error"}""");
    private static readonly byte[] MalformedJsonBody = Encoding.UTF8.GetBytes("""{"status":false,"message":"Malformed JSON body."}""");
    private static readonly byte[] NotSubAccountBody = Encoding.UTF8.GetBytes("""{"status":false,"message":"The account is not a subaccount of the parent account."}""");

    public static Task WriteUnauthenticated(HttpContext context) => Write(context, 401, Unauthenticated);

    public static Task WriteServiceUnavailable(HttpContext context) => Write(context, 503, ServiceUnavailableBody);

    public static Task WriteServerError(HttpContext context) => Write(context, 500, ServerErrorBody);

    public static Task WriteMalformedJson(HttpContext context) => Write(context, 400, MalformedJsonBody);

    /// <summary>The top-up's 403, in the words API.md quotes.</summary>
    public static Task WriteNotSubAccount(HttpContext context) => Write(context, 403, NotSubAccountBody);

    /// <summary>Laravel's throttle answer: 429 with Retry-After and the X-RateLimit headers.</summary>
    public static Task WriteTooManyAttempts(HttpContext context, int limit, TimeSpan retryAfter)
    {
        int seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var headers = context.Response.Headers;
        headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["X-RateLimit-Limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = "0";
        return Write(context, 429, TooManyAttemptsBody);
    }

    /// <summary>
    /// Laravel's validation failure: 422, <c>message</c> is the first error (plus "(and N more errors)"),
    /// <c>errors</c> maps each field to its messages.
    /// </summary>
    public static Task WriteValidationFailed(HttpContext context, IReadOnlyList<(string Field, string Message)> errors)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            int more = errors.Count - 1;
            string summary = more switch
            {
                0 => errors[0].Message,
                1 => $"{errors[0].Message} (and 1 more error)",
                _ => $"{errors[0].Message} (and {more} more errors)",
            };
            json.WriteString("message", summary);
            json.WriteStartObject("errors");
            foreach (var group in errors.GroupBy(e => e.Field))
            {
                json.WriteStartArray(group.Key);
                foreach (var (_, message) in group) json.WriteStringValue(message);
                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Write(context, 422, buffer.WrittenMemory);
    }

    public static Task Write(HttpContext context, int status, ReadOnlyMemory<byte> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
