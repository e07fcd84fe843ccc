using System;

namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// Decides how the listener's own failures (requests answered 500) reach the user: the first at
    /// once and then at most one report per <see cref="ReportInterval"/> (counting those held back),
    /// so a broken installation is an error the user sees without a flood; and when
    /// <see cref="FailuresInARowToStop"/> requests in a row have failed, the listener should stop,
    /// since it is failing every request and the provider would only retry them for ever.
    /// </summary>
    public sealed class ListenerFailureAlarm
    {
        /// <summary>Failures in a row, with no request handled between them, after which the listener stops.</summary>
        public const int FailuresInARowToStop = 20;

        /// <summary>The shortest time between two reports.</summary>
        public static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(10);

        private readonly TimeProvider _time;
        private DateTimeOffset? _lastReport;
        private int _heldBack;

        /// <summary>An alarm on the system clock.</summary>
        /// <remarks>
        /// The only public constructor: an overload taking a TimeProvider would make the cmdlet
        /// assembly reference TimeProvider's assembly (overload resolution reads every signature).
        /// </remarks>
        public ListenerFailureAlarm()
            : this(TimeProvider.System)
        {
        }

        private ListenerFailureAlarm(TimeProvider time) => _time = time;

        /// <summary>An alarm on <paramref name="time"/>, for tests.</summary>
        internal static ListenerFailureAlarm OnClock(TimeProvider time) => new ListenerFailureAlarm(time ?? throw new ArgumentNullException(nameof(time)));

        /// <summary>The text to report for this failure now, or null to hold it back (it is counted in the next report).</summary>
        public string? Report(string failure)
        {
            DateTimeOffset now = _time.GetUtcNow();
            if (_lastReport.HasValue && now - _lastReport.Value < ReportInterval)
            {
                _heldBack++;
                return null;
            }

            string text = "The receipt listener failed to handle a request and answered 500 (the provider will retry it): "
                + PrintableText.Escape(failure)
                + (_heldBack > 0 ? " (" + _heldBack + " more failed since the last report.)" : string.Empty);
            _lastReport = now;
            _heldBack = 0;
            return text;
        }

        /// <summary>True when so many requests in a row have failed that listening on is pointless.</summary>
        public static bool ShouldStop(long consecutiveFailures) => consecutiveFailures >= FailuresInARowToStop;
    }
}
