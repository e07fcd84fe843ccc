using System;
using System.Collections.Generic;

namespace CloudRebue.Core.Journal
{
    /// <summary>
    /// A send's use of its journal, opened in the one safe order: take the writer's lock (refused at once
    /// when another send holds it), read what earlier runs recorded, check the journal belongs to this
    /// account and API, then append. A read-only session (-WhatIf) takes no lock and writes nothing.
    /// </summary>
    public sealed class SendJournalSession : IDisposable
    {
        private readonly JournalLock? _lock;

        private SendJournalSession(JournalIndex index, JournalLock? journalLock, SendJournalWriter? writer)
        {
            Index = index;
            _lock = journalLock;
            Writer = writer;
        }

        /// <summary>What earlier runs recorded.</summary>
        public JournalIndex Index { get; }

        /// <summary>Null when opened read-only.</summary>
        internal SendJournalWriter? Writer { get; }

        /// <exception cref="JournalLockedException">Another send is writing the journal.</exception>
        /// <exception cref="JournalOwnerMismatchException">The journal was written for another account or base URL.</exception>
        /// <exception cref="JournalCorruptException">The journal cannot be read.</exception>
        public static SendJournalSession Open(string path, JournalOwner owner, bool forWriting, Func<object?, IReadOnlyDictionary<string, string?>?>? describeInput = null) =>
            Open(path, owner, forWriting, describeInput, null);

        // The cmdlets call the overload above: its signature names no TimeProvider, a dependency type on
        // netstandard (Microsoft.Bcl.TimeProvider) that must not cross into the cmdlet assembly.
        public static SendJournalSession Open(string path, JournalOwner owner, bool forWriting, Func<object?, IReadOnlyDictionary<string, string?>?>? describeInput, TimeProvider? timeProvider)
        {
            JournalLock? held = forWriting ? JournalLock.Acquire(path) : null;
            try
            {
                JournalIndex index = SendJournalReader.Load(path);
                if (index.Owner != null && !index.Owner.Matches(owner))
                {
                    throw new JournalOwnerMismatchException(path, index.Owner, owner);
                }

                SendJournalWriter? writer = forWriting ? SendJournalWriter.Open(path, owner, describeInput, timeProvider) : null;
                return new SendJournalSession(index, held, writer);
            }
            catch
            {
                held?.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            try
            {
                Writer?.Dispose();
            }
            finally
            {
                _lock?.Dispose();
            }
        }
    }
}
