using System.Collections.Generic;

namespace CloudRebue.Core.Journal
{
    /// <summary>
    /// The last few keys the journal writer gave an id (texts, rows), so what many recipients share is
    /// written once, in bounded memory: past the capacity the oldest key is forgotten, and meeting it
    /// again only writes its line once more.
    /// </summary>
    internal sealed class RecentIds<TKey>
        where TKey : notnull
    {
        private readonly int _capacity;
        private readonly Dictionary<TKey, int> _ids;
        private readonly Queue<TKey> _order = new Queue<TKey>();

        public RecentIds(int capacity, IEqualityComparer<TKey> comparer)
        {
            _capacity = capacity;
            _ids = new Dictionary<TKey, int>(comparer);
        }

        public bool TryGet(TKey key, out int id) => _ids.TryGetValue(key, out id);

        public void Add(TKey key, int id)
        {
            if (_ids.Count >= _capacity)
            {
                _ids.Remove(_order.Dequeue());
            }

            _ids[key] = id;
            _order.Enqueue(key);
        }
    }
}
