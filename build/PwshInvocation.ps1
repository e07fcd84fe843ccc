# The command line of the pwsh running now, to start fresh child processes with. As a local dotnet tool
# pwsh runs as 'dotnet pwsh.dll' and its apphost may not be executable, so the dll is preferred.
function Get-PwshInvocation {
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if (Test-Path $dll) { return @('dotnet', $dll) }
    return @((Get-Process -Id $PID).Path)
}
