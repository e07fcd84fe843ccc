# The demo: the module against the bundled simulator. Filled in once the simulator and the listener land.
param([string] $ModuleDir, [string] $Configuration = 'Release')
Write-Host 'The demo is not built yet: it needs the simulator (tests/CloudRebue.Simulator) and the receipt listener.'
