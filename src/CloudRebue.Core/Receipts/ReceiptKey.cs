using System;
using System.Globalization;
using System.Text;
using CloudRebue.Core.Hashing;

namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// What makes two receipts the same report: uniqueId, status and time. Stored as 128 bits of a
    /// SHA-256 digest, so the duplicate window costs the same memory however long the provider's ids
    /// are, and a collision between different receipts is beyond practical reach.
    /// </summary>
    internal readonly struct ReceiptKey : IEquatable<ReceiptKey>
    {
        private readonly ulong _high;
        private readonly ulong _low;

        private ReceiptKey(ulong high, ulong low)
        {
            _high = high;
            _low = low;
        }

        public static ReceiptKey For(DeliveryReceipt receipt)
        {
            // A separator that cannot occur in JSON text keeps ("ab","c") and ("a","bc") apart.
            string time = receipt.DeliveryTime?.ToString("o", CultureInfo.InvariantCulture) ?? string.Empty;
            byte[] text = Encoding.UTF8.GetBytes(receipt.UniqueId + "\0" + receipt.DeliveryStatus + "\0" + time);
            byte[] digest = Sha256.Of(text);

            return new ReceiptKey(BitConverter.ToUInt64(digest, 0), BitConverter.ToUInt64(digest, 8));
        }

        public bool Equals(ReceiptKey other) => _high == other._high && _low == other._low;

        public override bool Equals(object? obj) => obj is ReceiptKey other && Equals(other);

        public override int GetHashCode() => unchecked((int)_low ^ (int)(_low >> 32));
    }
}
