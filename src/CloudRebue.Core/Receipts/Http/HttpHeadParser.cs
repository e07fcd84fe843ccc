using System;
using System.Globalization;
using System.Text;

namespace CloudRebue.Core.Receipts.Http
{
    /// <summary>
    /// Reads an HTTP/1.x request head strictly (RFC 9112): anything ambiguous that could smuggle a
    /// second request past a proxy (both Content-Length and Transfer-Encoding, differing lengths,
    /// line folding, control characters) is refused with 400 rather than guessed at.
    /// </summary>
    internal static class HttpHeadParser
    {
        /// <summary>More header lines than any client sends; beyond it, 431.</summary>
        public const int MaxHeaderCount = 100;

        /// <summary>
        /// The length of the head (through its blank line) in buffer[offset..offset+count), or -1
        /// when it has not all arrived. Scanning resumes at <paramref name="scanned"/> so a head
        /// arriving a byte at a time costs linear, not quadratic, time.
        /// </summary>
        public static int FindEnd(byte[] buffer, int offset, int count, ref int scanned)
        {
            int end = offset + count;
            for (int i = offset + Math.Max(0, scanned - 2); i < end; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                int j = i + 1;
                if (j < end && buffer[j] == (byte)'\r')
                {
                    j++;
                }

                if (j < end && buffer[j] == (byte)'\n')
                {
                    return j + 1 - offset;
                }
            }

            scanned = count;
            return -1;
        }

        /// <summary>Parses a complete head; throws <see cref="ReceiptRequestException"/> (400, 431) when it is not one we serve.</summary>
        public static HttpRequestHead Parse(byte[] buffer, int offset, int length)
        {
            string[] lines = Latin1(buffer, offset, length).Split('\n');
            if (lines.Length - 2 > MaxHeaderCount)
            {
                throw new ReceiptRequestException(431, "The request has more than " + MaxHeaderCount + " header lines.");
            }

            string[] requestLine = TrimCr(lines[0]).Split(' ');
            if (requestLine.Length != 3 || !IsToken(requestLine[0]) || requestLine[1].Length == 0 || HasControlOrSpace(requestLine[1]))
            {
                throw Malformed("The request line is not 'METHOD target HTTP/1.1'.");
            }

            bool http11 = requestLine[2] == "HTTP/1.1";
            if (!http11 && requestLine[2] != "HTTP/1.0")
            {
                throw Malformed("Only HTTP/1.1 and HTTP/1.0 are served.");
            }

            long contentLength = -1;
            bool chunked = false;
            bool expectContinue = false;
            bool close = !http11;

            // The last two entries are the blank line and what follows it (nothing).
            for (int i = 1; i < lines.Length - 2; i++)
            {
                string line = TrimCr(lines[i]);
                if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
                {
                    throw Malformed("Folded header lines are not accepted.");
                }

                int colon = line.IndexOf(':');
                if (colon <= 0 || !IsToken(line.Substring(0, colon)))
                {
                    throw Malformed("A header line is not 'Name: value'.");
                }

                string name = line.Substring(0, colon);
                string value = line.Substring(colon + 1).Trim(' ', '\t');
                if (HasControl(value))
                {
                    throw Malformed("A header value holds a control character.");
                }

                if (Is(name, "Content-Length"))
                {
                    long parsed = ParseLength(value);
                    if (contentLength >= 0 && contentLength != parsed)
                    {
                        throw Malformed("The request declares two different Content-Length values.");
                    }

                    contentLength = parsed;
                }
                else if (Is(name, "Transfer-Encoding"))
                {
                    if (!Is(value, "chunked") || chunked)
                    {
                        throw Malformed("Only 'Transfer-Encoding: chunked' is accepted.");
                    }

                    chunked = true;
                }
                else if (Is(name, "Connection"))
                {
                    foreach (string option in value.Split(','))
                    {
                        string token = option.Trim(' ', '\t');
                        if (Is(token, "close"))
                        {
                            close = true;
                        }
                        else if (Is(token, "keep-alive") && !http11)
                        {
                            close = false;
                        }
                    }
                }
                else if (Is(name, "Expect"))
                {
                    expectContinue = Is(value, "100-continue");
                }
            }

            if (chunked && contentLength >= 0)
            {
                throw Malformed("The request declares both Content-Length and Transfer-Encoding.");
            }

            return new HttpRequestHead(requestLine[0], PathOf(requestLine[1]), contentLength, chunked, expectContinue, !close);
        }

        // origin-form (/path?query) or absolute-form (http://host/path); anything else matches no path.
        private static string PathOf(string target)
        {
            if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                int slash = target.IndexOf('/', "http://".Length);
                target = slash < 0 ? "/" : target.Substring(slash);
            }

            int end = target.IndexOfAny(new[] { '?', '#' });
            return end < 0 ? target : target.Substring(0, end);
        }

        private static long ParseLength(string value)
        {
            // Digits only (no sign, no spaces, no list): at most 18 of them, so it fits a long.
            if (value.Length == 0 || value.Length > 18)
            {
                throw Malformed("The Content-Length is not a number of bytes.");
            }

            foreach (char c in value)
            {
                if (c < '0' || c > '9')
                {
                    throw Malformed("The Content-Length is not a number of bytes.");
                }
            }

            return long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        private static string Latin1(byte[] buffer, int offset, int length)
        {
            var text = new StringBuilder(length);
            for (int i = offset; i < offset + length; i++)
            {
                text.Append((char)buffer[i]);
            }

            return text.ToString();
        }

        private static string TrimCr(string line) => line.Length > 0 && line[line.Length - 1] == '\r' ? line.Substring(0, line.Length - 1) : line;

        private static bool Is(string text, string expected) => string.Equals(text, expected, StringComparison.OrdinalIgnoreCase);

        private static bool IsToken(string text)
        {
            foreach (char c in text)
            {
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;
                if (!ok)
                {
                    return false;
                }
            }

            return text.Length > 0;
        }

        private static bool HasControl(string text)
        {
            foreach (char c in text)
            {
                if ((c < 0x20 && c != '\t') || c == 0x7F)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasControlOrSpace(string text)
        {
            foreach (char c in text)
            {
                if (c <= 0x20 || c >= 0x7F)
                {
                    return true;
                }
            }

            return false;
        }

        private static ReceiptRequestException Malformed(string message) => new ReceiptRequestException(400, message);
    }
}
