# Placeholder until the MAML converter lands: copies nothing, so Get-Help falls back to syntax.
param([string] $DocsDir, [string] $OutDir)
$null = New-Item -ItemType Directory -Force $OutDir
