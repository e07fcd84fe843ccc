using System;
using System.Management.Automation;
using CloudRebue.Core.Api;

namespace CloudRebue.PowerShell.Session
{
    /// <summary>Connect-CloudRebue's brand: -Brand when given, else the brand of a documented host, else Unknown; says which and why.</summary>
    internal static class BrandChoice
    {
        public static Brand Resolve(PSCmdlet cmdlet, Uri baseUri, Brand? given)
        {
            Brand? known = BrandProfile.KnownBrandOf(baseUri);
            Brand brand = BrandProfile.Infer(baseUri, given);
            if (given != null && known != null && known != given)
            {
                // Allowed (a host can change hands), but more likely a slip that would mislabel receipt URLs.
                cmdlet.WriteWarning($"-Brand {given} was given for {baseUri.Host}, which is {known}'s documented host; the connection uses {given}'s field names as asked.");
            }

            string why = given != null ? "given with -Brand"
                : known != null ? $"inferred from the host {baseUri.Host}"
                : $"the host {baseUri.Host} is not a documented brand's: receipt URLs go under both endpoint and delivery_endpoint, and -SendAt is refused; give -Brand if you know whose API it serves";
            cmdlet.WriteVerbose($"Brand {brand} ({why}).");
            return brand;
        }
    }
}
