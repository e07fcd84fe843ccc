using System.Globalization;
using System.Management.Automation;

namespace CloudRebue.PowerShell.Session
{
    /// <summary>The common parameters a cmdlet must read itself: bound on this call, else the caller's preference variable.</summary>
    internal static class CmdletPreferences
    {
        /// <summary>True under -ErrorAction Stop (or $ErrorActionPreference = 'Stop').</summary>
        public static bool StopsAtFirstError(PSCmdlet cmdlet)
        {
            object? value = cmdlet.MyInvocation.BoundParameters.TryGetValue("ErrorAction", out object? bound) ? bound : cmdlet.GetVariableValue("ErrorActionPreference");
            try
            {
                return value != null && (ActionPreference)LanguagePrimitives.ConvertTo(value, typeof(ActionPreference), CultureInfo.InvariantCulture) == ActionPreference.Stop;
            }
            catch (PSInvalidCastException)
            {
                return false;
            }
        }

        /// <summary>True under -WhatIf (or $WhatIfPreference).</summary>
        public static bool IsWhatIf(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? value))
            {
                return value is SwitchParameter sw ? sw.IsPresent : value is bool b && b;
            }

            object? preference = cmdlet.GetVariableValue("WhatIfPreference");
            return preference is SwitchParameter p ? p.IsPresent : LanguagePrimitives.IsTrue(preference);
        }
    }
}
