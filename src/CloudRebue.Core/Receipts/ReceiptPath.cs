using System;

namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// The path the provider posts to. Its last segment is the secret that authenticates the
    /// provider (receipts carry no signature). It is matched in constant time and only ever shown
    /// masked, as in /receipts/***.
    /// </summary>
    public sealed class ReceiptPath
    {
        /// <summary>A secret shorter than this is easy to guess; the cmdlet warns about it.</summary>
        public const int RecommendedSecretLength = 16;

        private const string Mask = "***";

        private ReceiptPath(string value, int secretStart)
        {
            Value = value;
            SecretLength = value.Length - secretStart;
            Masked = value.Substring(0, secretStart) + Mask;
        }

        /// <summary>The path with the secret in it, e.g. /receipts/6f1c...; never print it.</summary>
        internal string Value { get; }

        /// <summary>The path with its secret last segment masked: safe to print.</summary>
        public string Masked { get; }

        /// <summary>Characters in the secret segment.</summary>
        public int SecretLength { get; }

        /// <summary>
        /// Validates and normalises a path: a leading '/' is added and a trailing '/' dropped. Only
        /// URL-safe characters are allowed (letters, digits, '-', '.', '_', '~'), so the path means the
        /// same to the provider, a proxy and the listener. The message never repeats the path.
        /// </summary>
        public static ReceiptPath Parse(string path)
        {
            if (path == null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            string value = "/" + path.Trim().Trim('/');
            if (value.Length == 1)
            {
                throw new ArgumentException("The path is empty. Give a path whose last segment is a secret, e.g. /receipts/<32 random characters>.", nameof(path));
            }

            string[] segments = value.Substring(1).Split('/');
            foreach (string segment in segments)
            {
                if (segment.Length == 0)
                {
                    throw new ArgumentException("The path has an empty segment ('//'). Give a path like /receipts/<secret>.", nameof(path));
                }

                if (segment == "." || segment == "..")
                {
                    throw new ArgumentException("The path has a '.' or '..' segment. Give a path like /receipts/<secret>.", nameof(path));
                }

                foreach (char c in segment)
                {
                    if (!IsUnreserved(c))
                    {
                        throw new ArgumentException("The path may hold only letters, digits, '-', '.', '_', '~' and '/'. Make the secret from [guid]::NewGuid().ToString('N').", nameof(path));
                    }
                }
            }

            return new ReceiptPath(value, value.LastIndexOf('/') + 1);
        }

        /// <summary>True when the request's path is this path (a trailing '/' is ignored); constant time in this path's length.</summary>
        internal bool Matches(string? requestPath)
        {
            string candidate = requestPath ?? string.Empty;
            if (candidate.Length > 1 && candidate[candidate.Length - 1] == '/')
            {
                candidate = candidate.Substring(0, candidate.Length - 1);
            }

            return FixedTimeComparer.Equals(candidate, Value);
        }

        /// <inheritdoc />
        public override string ToString() => Masked;

        // RFC 3986 unreserved characters, ASCII only.
        private static bool IsUnreserved(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
