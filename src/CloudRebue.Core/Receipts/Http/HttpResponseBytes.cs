using System.Globalization;
using System.Text;

namespace CloudRebue.Core.Receipts.Http
{
    /// <summary>The bytes of an answer: status line, the few headers a receipt client needs, a plain-text body.</summary>
    internal static class HttpResponseBytes
    {
        /// <summary>The interim answer to Expect: 100-continue.</summary>
        public static readonly byte[] Continue = Encoding.ASCII.GetBytes("HTTP/1.1 100 Continue\r\n\r\n");

        public static byte[] For(HttpAnswer answer, bool close)
        {
            byte[] body = answer.Text == null ? new byte[0] : Encoding.UTF8.GetBytes(answer.Text + "\n");
            var head = new StringBuilder(160);
            head.Append("HTTP/1.1 ").Append(answer.Status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(ReasonOf(answer.Status)).Append("\r\n");
            head.Append("Content-Type: text/plain; charset=utf-8\r\n");
            head.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            if (answer.Status == 405)
            {
                head.Append("Allow: POST\r\n");
            }
            else if (answer.Status == 503)
            {
                head.Append("Retry-After: 1\r\n");
            }

            if (close)
            {
                head.Append("Connection: close\r\n");
            }

            head.Append("\r\n");
            byte[] headBytes = Encoding.ASCII.GetBytes(head.ToString());
            byte[] all = new byte[headBytes.Length + body.Length];
            headBytes.CopyTo(all, 0);
            body.CopyTo(all, headBytes.Length);
            return all;
        }

        private static string ReasonOf(int status) => status switch
        {
            200 => "OK",
            400 => "Bad Request",
            404 => "Not Found",
            405 => "Method Not Allowed",
            408 => "Request Timeout",
            411 => "Length Required",
            413 => "Payload Too Large",
            431 => "Request Header Fields Too Large",
            503 => "Service Unavailable",
            _ => "Internal Server Error",
        };
    }
}
