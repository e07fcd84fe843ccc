using System;

namespace CloudRebue.Core.Api
{
    /// <summary>-SendAt cannot be honoured; thrown before anything is sent. <see cref="ErrorId"/> is stable for scripts.</summary>
    public sealed class ScheduleRefusedException : InvalidOperationException
    {
        /// <summary>The connection's brand does not document <c>time_to_send</c>.</summary>
        public const string NotSupportedErrorId = "CloudRebue.SchedulingNotSupported";

        /// <summary>The time given is not in the future.</summary>
        public const string InPastErrorId = "CloudRebue.SendAtInPast";

        public ScheduleRefusedException(string errorId, string message)
            : base(message)
        {
            ErrorId = errorId;
        }

        public string ErrorId { get; }

        /// <summary>True when the time itself is wrong (an argument); false when the connection cannot schedule at all.</summary>
        public bool IsTimeProblem => ErrorId == InPastErrorId;
    }
}
