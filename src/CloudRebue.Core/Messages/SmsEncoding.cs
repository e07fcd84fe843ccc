namespace CloudRebue.Core.Messages
{
    /// <summary>How a message travels over the air, which decides how it is billed.</summary>
    public enum SmsEncoding
    {
        /// <summary>The GSM 03.38 7-bit alphabet: 160 characters in one unit, 153 per unit beyond.</summary>
        Gsm7,

        /// <summary>UTF-16: 70 code units in one unit, 67 per unit beyond.</summary>
        Ucs2,
    }
}
