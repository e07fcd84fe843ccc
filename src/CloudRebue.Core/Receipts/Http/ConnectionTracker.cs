using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace CloudRebue.Core.Receipts.Http
{
    /// <summary>
    /// The open connections, oldest request first: it enforces their deadlines (one timer for all)
    /// and the cap. At the cap a new connection is not refused: the oldest connection that has sent
    /// nothing (else the one that has waited longest on its client) is closed to make room, so a flood
    /// of idle or slow connections can never lock a real client out, and what the listener holds
    /// stays bounded.
    /// </summary>
    internal sealed class ConnectionTracker : IDisposable
    {
        private readonly object _lock = new object();
        private readonly LinkedList<HttpConnection> _open = new LinkedList<HttpConnection>();
        private readonly int _max;
        private readonly Timer _sweeper;
        private bool _closed;

        public ConnectionTracker(int maxConnections, TimeSpan sweepInterval)
        {
            _max = maxConnections;
            _sweeper = new Timer(_ => Sweep(), null, sweepInterval, sweepInterval);
        }

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _open.Count;
                }
            }
        }

        /// <summary>Tracks a new connection, closing the longest-waiting one when over the cap; false once the listener stops.</summary>
        public bool Add(HttpConnection connection)
        {
            HttpConnection? evicted = null;
            lock (_lock)
            {
                if (_closed)
                {
                    return false;
                }

                connection.Node = _open.AddLast(connection);
                if (_open.Count > _max)
                {
                    evicted = Evictable();
                    if (evicted != null)
                    {
                        _open.Remove(evicted.Node!);
                    }
                }
            }

            evicted?.End(forRoom: true);
            return true;
        }

        // The oldest connection that has sent nothing (a new one, whose request is already in its
        // socket, is not idle); else the oldest one waiting on its client, mid-request; never one we
        // are handling. A real client sends its request at once, so it is the last to go.
        private HttpConnection? Evictable()
        {
            HttpConnection? oldestWaiting = null;
            for (LinkedListNode<HttpConnection>? node = _open.First; node != null && node != _open.Last; node = node.Next)
            {
                HttpConnection candidate = node.Value;
                if (candidate.IsIdle)
                {
                    return candidate;
                }

                if (oldestWaiting == null && candidate.Phase != ConnectionPhase.Handling)
                {
                    oldestWaiting = candidate;
                }
            }

            return oldestWaiting;
        }

        /// <summary>A request arrived on the connection: it becomes the newest.</summary>
        public void Touch(HttpConnection connection)
        {
            lock (_lock)
            {
                LinkedListNode<HttpConnection>? node = connection.Node;
                if (node != null && node.List != null)
                {
                    _open.Remove(node);
                    _open.AddLast(node);
                }
            }
        }

        public void Remove(HttpConnection connection)
        {
            lock (_lock)
            {
                LinkedListNode<HttpConnection>? node = connection.Node;
                if (node != null && node.List != null)
                {
                    _open.Remove(node);
                }
            }
        }

        /// <summary>Closes every connection and refuses new ones (the listener is stopping).</summary>
        public void CloseAll()
        {
            List<HttpConnection> all;
            lock (_lock)
            {
                _closed = true;
                all = new List<HttpConnection>(_open);
                _open.Clear();
            }

            foreach (HttpConnection connection in all)
            {
                connection.Close();
            }
        }

        public void Dispose() => _sweeper.Dispose();

        private void Sweep()
        {
            long now = Stopwatch.GetTimestamp();
            List<HttpConnection>? late = null;
            lock (_lock)
            {
                foreach (HttpConnection connection in _open)
                {
                    if (connection.IsPastDeadline(now))
                    {
                        (late ??= new List<HttpConnection>()).Add(connection);
                    }
                }
            }

            if (late != null)
            {
                foreach (HttpConnection connection in late)
                {
                    connection.End(forRoom: false);
                }
            }
        }
    }
}
