namespace CloudRebue.Simulator;

/// <summary>
/// The phone formats the provider documents: 12 digits with the country code (254 7.. / 254 1..),
/// 10 digits starting 07 or 01, 9 digits starting 7 or 1. Anything else (a '+', spaces inside the
/// number, dashes) is rejected: the simulator is strict so that a client which forgets to normalise
/// finds out here rather than in production.
/// </summary>
internal static class PhoneRules
{
    /// <summary>Returns the number as 254XXXXXXXXX, or null when it is not a documented format.</summary>
    public static string? Normalise(ReadOnlySpan<char> phone)
    {
        foreach (char c in phone)
        {
            if (c < '0' || c > '9') return null;
        }

        switch (phone.Length)
        {
            case 12 when phone.StartsWith("254") && IsMobileLead(phone[3]):
                return phone.ToString();
            case 10 when phone[0] == '0' && IsMobileLead(phone[1]):
                return string.Concat("254", phone[1..]);
            case 9 when IsMobileLead(phone[0]):
                return string.Concat("254", phone);
            default:
                return null;
        }
    }

    private static bool IsMobileLead(char c) => c == '7' || c == '1';

    /// <summary>
    /// The network of a normalised number, from the Kenyan numbering plan. Good enough for a test
    /// oracle: the real provider's table is not published.
    /// </summary>
    public static string Operator(string normalised)
    {
        // normalised = 254 + 9 digits; the three digits after 254 pick the network.
        int prefix = (normalised[3] - '0') * 100 + (normalised[4] - '0') * 10 + (normalised[5] - '0');
        return prefix switch
        {
            >= 700 and <= 729 => "safaricom",
            >= 740 and <= 743 or 745 or 746 or 748 => "safaricom",
            >= 757 and <= 759 or 768 or 769 => "safaricom",
            >= 790 and <= 799 => "safaricom",
            >= 110 and <= 115 => "safaricom",
            >= 730 and <= 739 => "airtel",
            >= 750 and <= 756 or 762 => "airtel",
            >= 780 and <= 789 => "airtel",
            >= 100 and <= 106 => "airtel",
            >= 770 and <= 779 => "telkom",
            >= 763 and <= 766 => "equitel",
            747 => "faiba",
            _ => "unknown",
        };
    }
}
