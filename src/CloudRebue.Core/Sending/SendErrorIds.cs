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

        // Personalisation and money guard rails (issue 18).
        public const string TemplateFieldMissing = "CloudRebue.TemplateFieldMissing";
        public const string OverUnitCap = "CloudRebue.OverUnitCap";
        public const string MaxUnitsReached = "CloudRebue.MaxUnitsReached";
        public const string InsufficientBalance = "CloudRebue.InsufficientBalance";

        // Reasons of a Skipped result: not errors, so no error record is written for them.
        public const string Duplicate = "CloudRebue.Duplicate";
        public const string Excluded = "CloudRebue.Excluded";
    }
}
