using System;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// A receipt URL as it may be shown: its last path segment is the secret that lets the provider in
    /// (Start-RebueReceiptListener's -Path), so it becomes *** in results, errors and exports, as the
    /// listener shows its own path. A query and any user:password part are masked too. Only the request to
    /// the API (and the journal, which says so) carry the URL as given.
    /// </summary>
    internal static class EndpointMask
    {
        private const string Mask = "***";

        public static string? Apply(string? endpoint)
        {
            if (string.IsNullOrEmpty(endpoint))
            {
                return endpoint;
            }

            string text = endpoint!.Trim();
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                int slash = text.LastIndexOf('/');
                return slash < 0 ? Mask : text.Substring(0, slash + 1) + Mask;
            }

            string path = uri.AbsolutePath.TrimEnd('/');
            int last = path.LastIndexOf('/');
            string shown = last < 0 || last == path.Length - 1 ? path : path.Substring(0, last + 1) + Mask;
            string user = uri.UserInfo.Length > 0 ? Mask + "@" : string.Empty;
            string query = uri.Query.Length > 0 ? "?" + Mask : string.Empty;
            return $"{uri.Scheme}://{user}{uri.Authority}{shown}{query}";
        }
    }
}
