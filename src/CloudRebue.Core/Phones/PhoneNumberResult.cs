namespace CloudRebue.Core.Phones
{
    /// <summary>One recipient read from input: the number as <c>254XXXXXXXXX</c>, or why it is not one.</summary>
    internal sealed class PhoneNumberResult
    {
        private PhoneNumberResult(string input, string? normalized, string? error)
        {
            Input = input;
            Normalized = normalized;
            Error = error;
        }

        /// <summary>The text as it came in (one entry of a list).</summary>
        public string Input { get; }

        /// <summary>The number in the international form the API reports, or null when invalid.</summary>
        public string? Normalized { get; }

        /// <summary>What is wrong and what to do, or null when valid.</summary>
        public string? Error { get; }

        public bool IsValid => Normalized != null;

        internal static PhoneNumberResult Valid(string input, string normalized) => new PhoneNumberResult(input, normalized, null);

        internal static PhoneNumberResult Invalid(string input, string error) => new PhoneNumberResult(input, null, error);
    }
}
