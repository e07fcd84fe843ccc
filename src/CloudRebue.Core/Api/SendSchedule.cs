using System;
using System.Globalization;
using CloudRebue.Core.Time;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// A checked <c>time_to_send</c>: the brand documents scheduling, the time is in the future, and it is a
    /// whole minute in East Africa Time, the documented <c>Y-m-d H:i</c> form. Built once per command before
    /// anything is sent, so a refusal never follows a partial send. Send-RebueSms uses it; a voice cmdlet can
    /// take the same -SendAt through <see cref="Create"/> and <see cref="BrandFields.WriteSchedule"/>.
    /// </summary>
    public sealed class SendSchedule
    {
        private const string WireFormat = "yyyy-MM-dd HH:mm";

        private SendSchedule(DateTimeOffset requested, DateTimeOffset at)
        {
            Requested = requested;
            At = at;
        }

        /// <summary>The time as given (DateTime or DateTimeOffset; a DateTime without a zone is the computer's local time).</summary>
        public DateTimeOffset Requested { get; }

        /// <summary>When the provider is asked to send: <see cref="Requested"/> moved up to a whole minute, in East Africa Time.</summary>
        public DateTimeOffset At { get; }

        /// <summary>True when <see cref="Requested"/> had seconds: the minute-only form cannot say them, so it moved later, never earlier.</summary>
        public bool MovedToWholeMinute => At != Requested;

        /// <summary>What goes on the wire, such as <c>2024-10-31 18:00</c>.</summary>
        public string WireText => Format(At);

        /// <summary>
        /// Checks <paramref name="requested"/> against the brand and the clock. Throws <see cref="ScheduleRefusedException"/>
        /// when the brand does not document scheduling (a server that ignores the field would send at once) or the
        /// time is not after <paramref name="now"/> (what the provider does with a past time is not documented).
        /// </summary>
        public static SendSchedule Create(DateTimeOffset requested, BrandProfile brand, DateTimeOffset now)
        {
            if (brand is null)
            {
                throw new ArgumentNullException(nameof(brand));
            }

            if (!brand.SupportsScheduling)
            {
                throw new ScheduleRefusedException(ScheduleRefusedException.NotSupportedErrorId, NotSupportedMessage(brand));
            }

            if (requested <= now)
            {
                throw new ScheduleRefusedException(
                    ScheduleRefusedException.InPastErrorId,
                    $"-SendAt {Describe(requested)} is not in the future (it is now {Describe(now)}), and the API does not say what it does with a past time. Nothing was sent. Give a later time, or leave -SendAt out to send now.");
            }

            long ticksIntoMinute = requested.UtcTicks % TimeSpan.TicksPerMinute;
            DateTimeOffset whole = ticksIntoMinute == 0 ? requested : requested.AddTicks(TimeSpan.TicksPerMinute - ticksIntoMinute);
            return new SendSchedule(requested, whole.ToOffset(ProviderTime.EastAfricaOffset));
        }

        /// <summary>A time in the documented <c>Y-m-d H:i</c> form, East Africa Time.</summary>
        public static string Format(DateTimeOffset at) =>
            at.ToOffset(ProviderTime.EastAfricaOffset).ToString(WireFormat, CultureInfo.InvariantCulture);

        /// <inheritdoc />
        public override string ToString() => WireText + " East Africa Time";

        private static string Describe(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

        private static string NotSupportedMessage(BrandProfile brand)
        {
            string which = brand.Brand == Brand.Unknown
                ? "this connection's host is not one the module knows, so nothing says it schedules"
                : $"this connection is {brand.Brand}, whose API does not document it";
            return $"-SendAt needs time_to_send, which only RebueText documents; {which}. A server that ignores the field would send at once, so nothing was sent. Leave -SendAt out to send now, or connect to RebueText (Connect-CloudRebue -BaseUri {BrandProfile.RebueText.DocumentedBaseUri}, or -Brand RebueText for a host that serves RebueText's API).";
        }
    }
}
