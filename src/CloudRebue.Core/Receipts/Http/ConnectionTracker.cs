using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace CloudRebue.Core.Receipts.Http
{
    /// <summary>
    /// The open connections, oldest request first: it enforces their deadlines (one timer for all)
    /// and the cap. At the cap, a connection that has sent nothing for a while is closed to make
    /// room, and a newcomer that brings its request always gets room, so a flood of idle or slow
    /// connections cannot lock a real client out, and what the listener holds stays bounded.
    /// </summary>
    internal sealed class ConnectionTracker : IDisposable
    {
        private readonly object _lock = new object();
        private readonly LinkedList<HttpConnection> _open = new LinkedList<HttpConnection>();
        private readonly int _max;
        private readonly Timer _sweeper;
        private bool _closed;

        private readonly TimeSpan _grace;

        /// <param name="maxConnections">The cap.</param>
        /// <param name="grace">How long a connection that has just arrived (or finished a request) is spared when making room.</param>
        /// <param name="sweepInterval">How often deadlines are checked.</param>
        public ConnectionTracker(int maxConnections, TimeSpan grace, TimeSpan sweepInterval)
        {
            _max = maxConnections;
            _grace = grace;
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

        /// <summary>
        /// Tracks a new connection; at the cap, makes room (see <see cref="Evictable"/>) or closes the
        /// new one. False when the new connection is not kept (closed, or the listener is stopping).
        /// </summary>
        public bool Add(HttpConnection connection)
        {
            HttpConnection? evicted = null;
            lock (_lock)
            {
                if (_closed)
                {
                    evicted = connection;
                }
                else if (_open.Count >= _max)
                {
                    evicted = Evictable(connection.HasUnreadBytes);
                    if (evicted == null)
                    {
                        evicted = connection;
                    }
                    else
                    {
                        _open.Remove(evicted.Node!);
                    }
                }

                if (evicted != connection)
                {
                    connection.Node = _open.AddLast(connection);
                }
            }

            if (evicted == connection)
            {
                connection.Refuse(counted: !_closed);
                return false;
            }

            evicted?.End(forRoom: true);
            return true;
        }

        // Whom to let go, oldest first: a connection that has sent nothing for longer than the
        // grace period (a stranger's, most likely). Failing that, for a newcomer that brought its
        // request (a real client sends it at once): the oldest that has sent nothing at all, else the
        // oldest waiting on its client mid-request; never one we are handling. Null for a newcomer
        // that has sent nothing while every held connection is fresh or busy: that is a flood of
        // connections faster than the cap can turn over, and closing the newcomer is the cheap answer
        // (making room for it would only close another, which reconnects at once).
        private HttpConnection? Evictable(bool newcomerHasRequest)
        {
            long youngSince = Stopwatch.GetTimestamp() - (long)(_grace.TotalSeconds * Stopwatch.Frequency);
            HttpConnection? oldestIdle = null;
            HttpConnection? oldestWaiting = null;
            for (LinkedListNode<HttpConnection>? node = _open.First; node != null; node = node.Next)
            {
                HttpConnection candidate = node.Value;
                if (candidate.IsIdle)
                {
                    if (candidate.EnteredPhaseBefore(youngSince))
                    {
                        return candidate;
                    }

                    oldestIdle ??= candidate;
                }
                else if (oldestWaiting == null && candidate.Phase != ConnectionPhase.Handling)
                {
                    oldestWaiting = candidate;
                }
            }

            return newcomerHasRequest ? oldestIdle ?? oldestWaiting : null;
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

        /// <summary>
        /// Refuses new connections and closes the open ones (the listener is stopping). A connection
        /// whose answer is being decided or written is given up to <paramref name="answerTime"/> to
        /// finish it, so a receipt acknowledged just before the stop is not left without its 200.
        /// </summary>
        public void CloseAll(TimeSpan answerTime)
        {
            lock (_lock)
            {
                _closed = true;
            }

            var clock = Stopwatch.StartNew();
            while (true)
            {
                bool answering = false;
                foreach (HttpConnection connection in Snapshot())
                {
                    ConnectionPhase phase = connection.Phase;
                    if ((phase == ConnectionPhase.Handling || phase == ConnectionPhase.Write) && clock.Elapsed < answerTime)
                    {
                        connection.CloseAfterAnswer();
                        answering = true;
                    }
                    else
                    {
                        Remove(connection);
                        connection.Close();
                    }
                }

                if (!answering)
                {
                    return;
                }

                Thread.Sleep(10);
            }
        }

        private List<HttpConnection> Snapshot()
        {
            lock (_lock)
            {
                return new List<HttpConnection>(_open);
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
