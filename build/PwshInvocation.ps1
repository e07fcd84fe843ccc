# The command line of the pwsh running now, to start fresh child processes with. As a local dotnet tool
# pwsh runs as 'dotnet pwsh.dll' and its apphost may not be executable, so the dll is preferred there.
# Any other pwsh (the PowerShell 7.4 leg's out/pwsh74) runs its own apphost again, so the child gets
# the same PowerShell and .NET as its parent.
function Get-PwshInvocation {
    $self = (Get-Process -Id $PID).Path
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if ((Split-Path $self -Leaf) -match '^dotnet(\.exe)?$' -and (Test-Path $dll)) { return @('dotnet', $dll) }
    return , @($self)   # the comma keeps a one-element array from unrolling into a string
}
