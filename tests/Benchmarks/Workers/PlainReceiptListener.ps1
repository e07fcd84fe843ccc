# Figure 6's peer: the receipt listener a scripter writes without the module, a plain HttpListener loop
# that answers one request at a time and writes each new receipt as an object. It checks what any
# careful script would (method, secret path, JSON) and drops a repeated receipt.
function Receive-PlainReceipt {
    param(
        [Parameter(Mandatory)] [string] $Prefix,   # e.g. http://127.0.0.1:8080/receipts/
        [Parameter(Mandatory)] [string] $Path,     # the full path with the secret
        [Parameter(Mandatory)] [int] $Count,
        [Parameter(Mandatory)] [int] $TimeoutSeconds
    )
    # .NET's managed HttpListener (Linux, macOS) can fail in Start when a client connects during it
    # (dotnet/corefx#35191: ArgumentNullException), and a failed listener is disposed; the senders here
    # start first, so a few fresh tries.
    for ($try = 1; ; $try++) {
        $listener = [System.Net.HttpListener]::new()
        $listener.Prefixes.Add($Prefix)
        try { $listener.Start(); break }
        catch [System.ArgumentNullException] { if ($try -ge 5) { throw } }
    }
    $seen = [System.Collections.Generic.HashSet[string]]::new()
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    $script:PlainReceiptsWritten = 0
    try {
        while ($script:PlainReceiptsWritten -lt $Count -and [DateTime]::UtcNow -lt $deadline) {
            # GetContext() cannot time out; waiting on the async form keeps the loop bounded.
            $pending = $listener.GetContextAsync()
            while (-not $pending.Wait(100) -and [DateTime]::UtcNow -lt $deadline) { }
            if (-not $pending.IsCompleted) { break }
            $context = $pending.Result
            $response = $context.Response
            if ($context.Request.HttpMethod -ne 'POST') { $response.StatusCode = 405; $response.Close(); continue }
            if ($context.Request.Url.AbsolutePath -ne $Path) { $response.StatusCode = 404; $response.Close(); continue }
            $reader = [System.IO.StreamReader]::new($context.Request.InputStream, [System.Text.Encoding]::UTF8)
            $body = $reader.ReadToEnd()
            $reader.Dispose()
            try { $receipt = $body | ConvertFrom-Json }
            catch { $response.StatusCode = 400; $response.Close(); continue }
            $response.StatusCode = 200
            $response.Close()
            if ($seen.Add("$($receipt.uniqueId)|$($receipt.deliveryStatus)")) {
                $script:PlainReceiptsWritten++
                $receipt
            }
        }
    }
    finally {
        $listener.Stop()
        $listener.Close()
    }
}
