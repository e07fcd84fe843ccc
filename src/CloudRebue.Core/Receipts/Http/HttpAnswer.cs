namespace CloudRebue.Core.Receipts.Http
{
    /// <summary>The status and plain-text body of one answer; the text never holds the secret path.</summary>
    internal readonly struct HttpAnswer
    {
        public HttpAnswer(int status, string? text)
        {
            Status = status;
            Text = text;
        }

        public int Status { get; }

        /// <summary>The body (a line of text); null for an empty body.</summary>
        public string? Text { get; }
    }
}
