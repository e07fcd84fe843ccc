namespace CloudRebue.Simulator;

/// <summary>
/// Counts the units the provider bills per recipient (reference/API.md, "SMS units"). Written here
/// independently of src/ so the simulator can catch a mistake in the module's own counting.
/// </summary>
internal static class SmsUnits
{
    private const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    // Reached through the escape septet, so each costs two.
    private const string Gsm7Extension = "\f^{}\\[~]|€";

    // Septet cost per UTF-16 code unit: 0 = not in GSM-7. Every GSM-7 character except € is below
    // U+03AA (the Greek capitals are the highest), so a small table answers the hot path.
    private static readonly byte[] Cost = BuildCostTable();
    private const char Euro = '€';

    public static int Count(string text)
    {
        int septets = 0;
        foreach (char c in text)
        {
            int cost = c < Cost.Length ? Cost[c] : (c == Euro ? 2 : 0);
            if (cost == 0)
            {
                // One character outside GSM-7 turns the whole message into UCS-2,
                // which is measured in UTF-16 code units (a surrogate pair counts two).
                return Split(text.Length, 70, 67);
            }

            septets += cost;
        }

        return Split(septets, 160, 153);
    }

    private static int Split(int length, int singlePart, int perPart)
    {
        if (length == 0) return 0;
        if (length <= singlePart) return 1;
        return (length + perPart - 1) / perPart;
    }

    private static byte[] BuildCostTable()
    {
        var table = new byte[0x3AA];
        foreach (char c in Gsm7Basic) table[c] = 1;
        foreach (char c in Gsm7Extension)
        {
            if (c < table.Length) table[c] = 2;
        }

        return table;
    }
}
