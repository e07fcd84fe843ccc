using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;

namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// The hand-over from the request threads to the one consumer (the cmdlet's pipeline thread).
    /// Bounded, so a stalled consumer turns into 503s rather than memory growth. A request's receipts
    /// go in all together or not at all, and the duplicate check, the room check and the enqueue happen
    /// under one lock, so every receipt acknowledged with 200 is in the queue exactly once.
    /// The semaphore is never disposed on purpose: it holds no handle unless one is asked for, and a
    /// consumer still waiting on it while the listener stops must not meet ObjectDisposedException.
    /// </summary>
    internal sealed class ReceiptQueue
    {
        private readonly object _intakeLock = new object();
        private readonly Queue<DeliveryReceipt> _items;
        private readonly SemaphoreSlim _available = new SemaphoreSlim(0);
        private readonly RecentKeySet _seen;
        private readonly int _capacity;
        private long _budget;
        private bool _closed;

        /// <param name="capacity">How many receipts may wait for the consumer.</param>
        /// <param name="duplicateWindow">How many recent receipt keys are remembered to recognise duplicates.</param>
        /// <param name="maxReceipts">How many receipts to accept in all before refusing more; null for no limit.</param>
        public ReceiptQueue(int capacity, int duplicateWindow, long? maxReceipts)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The queue holds at least one receipt.");
            }

            _capacity = capacity;
            _items = new Queue<DeliveryReceipt>(Math.Min(capacity, 1024));
            _seen = new RecentKeySet(duplicateWindow);
            _budget = maxReceipts ?? long.MaxValue;
        }

        /// <summary>How many receipts may wait for the consumer.</summary>
        public int Capacity => _capacity;

        /// <summary>Receipts waiting for the consumer.</summary>
        public int Count
        {
            get
            {
                lock (_intakeLock)
                {
                    return _items.Count;
                }
            }
        }

        /// <summary>True once no more receipts are accepted (stopping, or the budget is spent).</summary>
        public bool IsClosed
        {
            get
            {
                lock (_intakeLock)
                {
                    return _closed;
                }
            }
        }

        /// <summary>Queues one request's receipts, all or none; recognised duplicates are counted, not queued.</summary>
        public OfferOutcome Offer(IReadOnlyList<DeliveryReceipt> receipts)
        {
            // Hashing is the costly part: done before taking the lock.
            var keys = new ReceiptKey[receipts.Count];
            for (int i = 0; i < keys.Length; i++)
            {
                keys[i] = ReceiptKey.For(receipts[i]);
            }

            int added;
            int duplicates = 0;
            lock (_intakeLock)
            {
                var fresh = new List<int>(keys.Length);
                var inThisBody = new HashSet<ReceiptKey>();
                for (int i = 0; i < keys.Length; i++)
                {
                    if (_seen.Contains(keys[i]) || !inThisBody.Add(keys[i]))
                    {
                        duplicates++;
                    }
                    else
                    {
                        fresh.Add(i);
                    }
                }

                if (fresh.Count == 0)
                {
                    // Already acknowledged once: the provider did not hear our 200; say it again.
                    return new OfferOutcome(OfferStatus.Accepted, 0, duplicates);
                }

                if (_closed)
                {
                    return new OfferOutcome(OfferStatus.Closed, 0, 0);
                }

                if (fresh.Count > _capacity)
                {
                    return new OfferOutcome(OfferStatus.TooMany, 0, 0);
                }

                if (_items.Count + fresh.Count > _capacity || fresh.Count > _budget)
                {
                    return new OfferOutcome(OfferStatus.NoRoom, 0, 0);
                }

                foreach (int i in fresh)
                {
                    _items.Enqueue(receipts[i]);
                    _seen.Add(keys[i]);
                }

                added = fresh.Count;
                _budget -= added;
                if (_budget == 0)
                {
                    _closed = true;
                }
            }

            _available.Release(added);
            return new OfferOutcome(OfferStatus.Accepted, added, duplicates);
        }

        /// <summary>Takes the oldest receipt, waiting up to <paramref name="wait"/>; throws when the token is cancelled.</summary>
        public bool TryTake([NotNullWhen(true)] out DeliveryReceipt? receipt, TimeSpan wait, CancellationToken cancellationToken)
        {
            if (!_available.Wait(wait, cancellationToken))
            {
                receipt = null;
                return false;
            }

            lock (_intakeLock)
            {
                receipt = _items.Dequeue();
                return true;
            }
        }

        /// <summary>Refuses every later offer with <see cref="OfferStatus.Closed"/>; what is queued can still be taken.</summary>
        public void Close()
        {
            lock (_intakeLock)
            {
                _closed = true;
            }
        }
    }
}
