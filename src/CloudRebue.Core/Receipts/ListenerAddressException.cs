using System;

namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// The address to listen on is not one: malformed, unknown to DNS, or not an address of this
    /// computer. Distinct from <see cref="ReceiptListenerBindException"/> (a good address whose port
    /// could not be taken), so the user is told to fix the address rather than free the port.
    /// </summary>
    public sealed class ListenerAddressException : Exception
    {
        internal ListenerAddressException(string address, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            Address = address;
        }

        /// <summary>The address as given (escaped, safe to print).</summary>
        public string Address { get; }
    }
}
