namespace CloudRebue.Core.Api
{
    /// <summary>What became of one top-up.</summary>
    public enum TopUpStatus
    {
        /// <summary>The API confirmed it: the units (or money) moved.</summary>
        Succeeded,

        /// <summary>The API refused it, or it never reached the API: nothing moved, and it is safe to correct and repeat.</summary>
        Failed,

        /// <summary>
        /// The request went out but no readable answer came back (a timeout, a broken connection, a 5xx): it may
        /// or may not have moved. Never repeated automatically; check the sub-account's balance before repeating.
        /// </summary>
        Unknown,
    }
}
