using System;
using System.Collections.Generic;

namespace CloudRebue.Core.Receipts
{
    /// <summary>What a delivery status means for the recipient (reference/API.md, "Delivery status values").</summary>
    public enum DeliveryState
    {
        /// <summary>The message reached the handset (DeliveredToTerminal): final.</summary>
        Delivered,

        /// <summary>A known failure (DeliveryImpossible, UnknownSubscriber, ...): final, the message will not arrive.</summary>
        Failed,

        /// <summary>
        /// Not delivered yet: a known pending status (DeliveredToNetwork, MessageWaiting, DeliveryUncertain), or a
        /// status the module does not know, which stays verbatim in DeliveryStatus (the list is not documented).
        /// </summary>
        Pending,
    }

    /// <summary>Classifies the provider's open-ended deliveryStatus text.</summary>
    public static class DeliveryStates
    {
        private static readonly HashSet<string> FailedStatuses = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "DeliveryImpossible", "AbsentSubscriber", "UnknownSubscriber", "CallBarred", "SystemFailure",
            "Insufficient_Balance", "Invalid_Linkid", "SenderBlacklisted",
        };

        /// <summary>Delivered for DeliveredToTerminal, Failed for the known failures, Pending for anything else.</summary>
        public static DeliveryState Classify(string? deliveryStatus)
        {
            if (string.Equals(deliveryStatus, DeliveryReceipt.DeliveredStatus, StringComparison.OrdinalIgnoreCase))
            {
                return DeliveryState.Delivered;
            }

            return deliveryStatus != null && FailedStatuses.Contains(deliveryStatus) ? DeliveryState.Failed : DeliveryState.Pending;
        }

        /// <summary>True when no later receipt can change the outcome.</summary>
        public static bool IsFinal(DeliveryState state) => state != DeliveryState.Pending;
    }
}
