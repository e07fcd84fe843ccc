# A throwaway user profile for a child pwsh, shared by the build (Package) and the install tests.
# PowerShell, PSResourceGet, PowerShellGet and NuGet keep their per-user state (installed modules,
# registered repositories, caches) under HOME and the XDG folders on Linux and macOS, and under
# LOCALAPPDATA/APPDATA on Windows. Pointing all of them at one folder keeps a child process from
# reading or changing the real user's profile, and lets two builds run side by side.

function New-IsolatedUserProfile {
    param([Parameter(Mandatory)] [string] $Path)
    $environment = [ordered]@{
        HOME            = $Path
        USERPROFILE     = $Path
        XDG_DATA_HOME   = Join-Path $Path '.local/share'
        XDG_CONFIG_HOME = Join-Path $Path '.config'
        XDG_CACHE_HOME  = Join-Path $Path '.cache'
        LOCALAPPDATA    = Join-Path $Path 'AppData/Local'
        APPDATA         = Join-Path $Path 'AppData/Roaming'
    }
    # The folders must exist: .NET reports a missing LocalApplicationData as '', and PSResourceGet
    # then writes its repository list into the current directory instead.
    foreach ($folder in $environment.Values) { $null = New-Item -ItemType Directory -Force -Path $folder }
    # Only the modules that ship with PowerShell; the child adds its own (empty) user module folder.
    $environment['PSModulePath'] = Join-Path $PSHOME 'Modules'
    $environment
}

# Runs a script block with some environment variables set, then puts the old values back.
function Use-Environment {
    param([Parameter(Mandatory)] [System.Collections.IDictionary] $Environment, [Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    $saved = @{}
    foreach ($key in $Environment.Keys) {
        $saved[$key] = [Environment]::GetEnvironmentVariable($key)
        [Environment]::SetEnvironmentVariable($key, $Environment[$key])
    }
    try { & $ScriptBlock }
    finally {
        foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
    }
}
