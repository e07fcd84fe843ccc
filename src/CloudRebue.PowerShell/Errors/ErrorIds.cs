namespace CloudRebue.PowerShell.Errors
{
    /// <summary>Stable ErrorIds of the session, journal and listener cmdlets (sending has its own, and the token-rejected one, in CloudRebue.Core.Sending.SendErrorIds).</summary>
    internal static class ErrorIds
    {
        public const string NotConnected = "CloudRebue.NotConnected";
        public const string NoToken = "CloudRebue.NoToken";
        public const string Unreachable = "CloudRebue.Unreachable";
        public const string Timeout = "CloudRebue.Timeout";
        public const string ApiError = "CloudRebue.ApiError";
        public const string InvalidBaseUri = "CloudRebue.InvalidBaseUri";
        public const string SecretManagementMissing = "CloudRebue.SecretManagementMissing";
        public const string SecretNotFound = "CloudRebue.SecretNotFound";
        public const string SecretVaultLocked = "CloudRebue.SecretVaultLocked";
        public const string SecretReadFailed = "CloudRebue.SecretReadFailed";
        public const string SecretUnsupported = "CloudRebue.SecretUnsupported";
        public const string SecretSaveFailed = "CloudRebue.SecretSaveFailed";
        public const string MessageMissing = "CloudRebue.MessageMissing";
        public const string JournalCorrupt = "CloudRebue.JournalCorrupt";
        public const string JournalUnavailable = "CloudRebue.JournalUnavailable";
        public const string JournalInUse = "CloudRebue.JournalInUse";
        public const string JournalOwnerMismatch = "CloudRebue.JournalOwnerMismatch";
        public const string JournalWriteFailed = "CloudRebue.JournalWriteFailed";
        public const string InvalidTemplate = "CloudRebue.InvalidTemplate";
        public const string TemplateAndMessage = "CloudRebue.TemplateAndMessage";
        public const string InvalidExcludePhone = "CloudRebue.InvalidExcludePhone";
        public const string ListenerInvalidArgument = "CloudRebue.ListenerInvalidArgument";
        public const string ListenerInvalidAddress = "CloudRebue.ListenerInvalidAddress";
        public const string ListenerBindFailed = "CloudRebue.ListenerBindFailed";
        public const string ListenerRequestFailed = "CloudRebue.ListenerRequestFailed";
        public const string ListenerFailing = "CloudRebue.ListenerFailing";
    }
}
