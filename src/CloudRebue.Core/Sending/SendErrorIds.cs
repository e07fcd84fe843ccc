namespace CloudRebue.Core.Sending
{
    /// <summary>The stable ErrorIds of sending, so scripts can match on them.</summary>
    public static class SendErrorIds
    {
        public const string InvalidPhone = "CloudRebue.InvalidPhone";
        public const string NoPhoneColumn = "CloudRebue.NoPhoneColumn";
        public const string InvalidMessage = "CloudRebue.InvalidMessage";
        public const string MessageRejected = "CloudRebue.MessageRejected";
        public const string SendFailed = "CloudRebue.SendFailed";
        public const string OutcomeUnknown = "CloudRebue.OutcomeUnknown";
        public const string NotSent = "CloudRebue.NotSent";
        public const string TokenRejected = "CloudRebue.TokenRejected";
        public const string JournalMismatch = "CloudRebue.JournalMismatch";
        public const string DuplicateCorrelator = "CloudRebue.DuplicateCorrelator";
    }
}
