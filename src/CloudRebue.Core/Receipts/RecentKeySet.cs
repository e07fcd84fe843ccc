using System;
using System.Collections.Generic;

namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// The most recent <see cref="Capacity"/> receipt keys, oldest forgotten first: a ring of keys and
    /// a hash set over it. Memory is bounded by the capacity whatever arrives. Not thread-safe: the
    /// listener uses it under its intake lock.
    /// </summary>
    internal sealed class RecentKeySet
    {
        private readonly ReceiptKey[] _ring;
        private readonly HashSet<ReceiptKey> _set;
        private int _next;
        private int _count;

        public RecentKeySet(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The duplicate window holds at least one key.");
            }

            _ring = new ReceiptKey[capacity];
            _set = new HashSet<ReceiptKey>();
        }

        public int Capacity => _ring.Length;

        public int Count => _count;

        public bool Contains(ReceiptKey key) => _set.Contains(key);

        /// <summary>Remembers the key, forgetting the oldest when full; false when it was already known.</summary>
        public bool Add(ReceiptKey key)
        {
            if (_set.Contains(key))
            {
                return false;
            }

            if (_count == _ring.Length)
            {
                _set.Remove(_ring[_next]);
            }
            else
            {
                _count++;
            }

            _ring[_next] = key;
            _set.Add(key);
            _next = (_next + 1) % _ring.Length;
            return true;
        }
    }
}
