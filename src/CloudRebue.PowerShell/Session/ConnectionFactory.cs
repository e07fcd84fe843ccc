using System;
using System.Management.Automation;
using System.Net;
using System.Threading;
using CloudRebue.Core.Api;
using CloudRebue.PowerShell.Errors;

namespace CloudRebue.PowerShell.Session
{
    /// <summary>Builds a connection and, unless skipped, proves the token with one account/balance call.</summary>
    internal static class ConnectionFactory
    {
        public static CloudRebueConnection Connect(PSCmdlet cmdlet, ApiToken token, Uri baseUri, Brand brand, string? defaultSender, Uri? proxy, NetworkCredential? proxyCredential, TimeSpan timeout, bool validate, CancellationToken cancellationToken)
        {
            var options = new CloudRebueClientOptions(token)
            {
                BaseUri = baseUri,
                Brand = brand,
                Timeout = timeout,
                Proxy = proxy,
                ProxyCredential = proxyCredential,
            };
            var client = new CloudRebueClient(options);
            decimal? units = null;
            if (validate)
            {
                cmdlet.WriteVerbose($"Checking the token ({token.Hint}) against {client.BaseUri}account/balance.");
                try
                {
                    BalanceInfo balance = client.GetBalanceAsync(cancellationToken).GetAwaiter().GetResult();
                    units = balance.AccountUnits;
                }
                catch (CloudRebueApiException ex)
                {
                    client.Dispose();
                    throw new TerminatingFailure(ErrorRecords.FromApi(ex, baseUri));
                }
                catch (OperationCanceledException)
                {
                    client.Dispose();
                    throw;
                }
            }

            return new CloudRebueConnection(client, defaultSender, units, DateTimeOffset.Now);
        }
    }
}
