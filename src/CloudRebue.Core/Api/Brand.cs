namespace CloudRebue.Core.Api
{
    /// <summary>
    /// Which provider's documentation an API host follows. The brands serve the same API on different hosts
    /// but name some fields differently (see <see cref="BrandProfile"/> and reference/API.md).
    /// </summary>
    public enum Brand
    {
        /// <summary>A host the module does not know and no -Brand was given: the safe choices of <see cref="BrandProfile"/> apply.</summary>
        Unknown = 0,

        /// <summary>https://bulk.cloudrebue.co.ke/api/v1, the documented default.</summary>
        CloudRebue,

        /// <summary>https://rebuetext.com/api/v1: <c>delivery_endpoint</c>, <c>time_to_send</c>.</summary>
        RebueText,

        /// <summary>https://bulk.bongatech.co.ke/api/v1.</summary>
        BongaTech,
    }
}
