# Versions pinned once, in Directory.Packages.props (Pester) and .config/dotnet-tools.json (PowerShell),
# read here so scripts never repeat them.
function Get-PinnedVersion([ValidateSet('PesterVersion')] [string] $Name) {
    $props = Join-Path $PSScriptRoot '../Directory.Packages.props'
    [xml] $xml = Get-Content $props -Raw
    $value = @($xml.Project.PropertyGroup | ForEach-Object { $_.$Name } | Where-Object { $_ })[0]
    if (-not $value) { throw "$Name is not set in $props." }
    return $value
}
