using System;
using System.Runtime.InteropServices;
using System.Security;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// The bearer token. The API token gives full access to the account, so this type never shows it:
    /// <see cref="ToString"/> and <see cref="Hint"/> give at most the last four characters. Only the HTTP
    /// client reads the value, to build the Authorization header.
    /// </summary>
    public sealed class ApiToken
    {
        private readonly string _value;

        private ApiToken(string value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException("The token is empty. Create a token in the CloudRebue portal and pass it as a SecureString.", nameof(value));
            }

            _value = value.Trim();
            ExpiresAt = JwtExpiry.Read(_value);
        }

        /// <summary>
        /// When the token stops working, read from a JWT's <c>exp</c> without checking its signature (UTC);
        /// null for a token that is not a JWT or names no expiry.
        /// </summary>
        public DateTimeOffset? ExpiresAt { get; }

        /// <summary>A short, safe reminder of which token this is, such as <c>****6789</c>.</summary>
        public string Hint => _value.Length >= 12 ? "****" + _value.Substring(_value.Length - 4) : "****";

        /// <summary>Reads a token from a SecureString, freeing the unmanaged copy at once.</summary>
        public static ApiToken FromSecureString(SecureString secure)
        {
            if (secure is null)
            {
                throw new ArgumentNullException(nameof(secure));
            }

            IntPtr pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
                return new ApiToken(Marshal.PtrToStringUni(pointer) ?? string.Empty);
            }
            finally
            {
                if (pointer != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }
            }
        }

        /// <summary>For sources that only give text (an environment variable, a string secret).</summary>
        public static ApiToken FromPlainText(string value) => new ApiToken(value ?? string.Empty);

        /// <summary>The token as a SecureString, for storing it in a vault.</summary>
        public SecureString ToSecureString()
        {
            var secure = new SecureString();
            foreach (char c in _value)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }

        /// <inheritdoc />
        public override string ToString() => Hint;

        internal string Reveal() => _value;
    }
}
