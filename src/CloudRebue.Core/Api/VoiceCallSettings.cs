using System;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// The call fields of <c>voice-sms</c> that are the same for every recipient of a command. Null leaves a field
    /// out, so the brand's own default applies (voice: female; repeat: 1 on CloudRebue, 5 on RebueText).
    /// </summary>
    public sealed class VoiceCallSettings
    {
        public VoiceCallSettings(int? voice, int? repeat)
        {
            if (voice != null && (voice < 1 || voice > 2))
            {
                throw new ArgumentOutOfRangeException(nameof(voice), voice, "The voice is 1 (female) or 2 (male).");
            }

            if (repeat != null && (repeat < 1 || repeat > 10))
            {
                throw new ArgumentOutOfRangeException(nameof(repeat), repeat, "The text is spoken 1 to 10 times.");
            }

            Voice = voice;
            Repeat = repeat;
        }

        /// <summary>1 female, 2 male.</summary>
        public int? Voice { get; }

        /// <summary>How many times the text is spoken, 1 to 10.</summary>
        public int? Repeat { get; }
    }
}
