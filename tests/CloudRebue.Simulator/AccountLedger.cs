namespace CloudRebue.Simulator;

/// <summary>
/// The account's units and the units of its sub-accounts. Sending debits the main account per
/// recipient; a top-up moves units from the main account to a sub-account.
/// </summary>
internal sealed class AccountLedger
{
    private long _startingUnits;
    private readonly Dictionary<int, long> _subAccounts;
    private readonly object _topUpGate = new();
    private long _units;

    public AccountLedger(long startingUnits, IEnumerable<int> subAccountIds)
    {
        _startingUnits = startingUnits;
        _units = startingUnits;
        _subAccounts = subAccountIds.Distinct().ToDictionary(id => id, _ => 0L);
    }

    public long Units => Interlocked.Read(ref _units);

    /// <summary>A new starting balance (POST /_sim/config "balance"): applied now and on every reset.</summary>
    public void SetStartingUnits(long units)
    {
        lock (_topUpGate)
        {
            Interlocked.Exchange(ref _startingUnits, units);
            Interlocked.Exchange(ref _units, units);
        }
    }

    /// <summary>
    /// Takes units for one message. Without enforcement the balance may go below zero: a long
    /// benchmark should not start failing because the default balance ran out.
    /// </summary>
    public bool TryDebit(long units, bool enforce)
    {
        if (!enforce)
        {
            Interlocked.Add(ref _units, -units);
            return true;
        }

        long current = Interlocked.Read(ref _units);
        while (current >= units)
        {
            long before = Interlocked.CompareExchange(ref _units, current - units, current);
            if (before == current) return true;
            current = before;
        }

        return false;
    }

    public bool IsSubAccount(int accountId) => _subAccounts.ContainsKey(accountId);

    /// <summary>Moves units to a sub-account; false when the main account cannot cover them.</summary>
    public bool TryTopUp(int accountId, long units, out long initialUnits, out long updatedUnits)
    {
        lock (_topUpGate)
        {
            initialUnits = _subAccounts[accountId];
            updatedUnits = initialUnits;
            if (!TryDebit(units, enforce: true)) return false;
            updatedUnits = initialUnits + units;
            _subAccounts[accountId] = updatedUnits;
            return true;
        }
    }

    /// <summary>Back to the starting balance, sub-accounts empty (POST /_sim/reset).</summary>
    public void Reset()
    {
        lock (_topUpGate)
        {
            Interlocked.Exchange(ref _units, Interlocked.Read(ref _startingUnits));
            foreach (int id in _subAccounts.Keys.ToArray()) _subAccounts[id] = 0;
        }
    }
}
