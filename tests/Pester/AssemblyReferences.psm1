# Reads assembly identities and references from files with System.Reflection.Metadata, without loading
# them, for the Windows PowerShell binding test.

function Get-AssemblyIdentity([string] $Path) {
    $name = [System.Reflection.AssemblyName]::GetAssemblyName($Path)
    [pscustomobject]@{ Name = $name.Name; Version = $name.Version; Token = Format-Token $name.GetPublicKeyToken(); Path = $Path }
}

# Each assembly reference of the file: Name, Version, Token.
function Get-AssemblyReference([string] $Path) {
    $stream = [IO.File]::OpenRead($Path)
    try {
        $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
        $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
        foreach ($handle in $metadata.AssemblyReferences) {
            $reference = $metadata.GetAssemblyReference($handle)
            $name = $reference.GetAssemblyName()
            [pscustomobject]@{ Name = $name.Name; Version = $name.Version; Token = Format-Token $name.GetPublicKeyToken() }
        }
    }
    finally { $stream.Dispose() }
}

# The framework the file was built for, from its TargetFrameworkAttribute ('' when it has none).
function Get-TargetFramework([string] $Path) {
    $stream = [IO.File]::OpenRead($Path)
    try {
        $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
        $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
        foreach ($handle in $metadata.GetAssemblyDefinition().GetCustomAttributes()) {
            $attribute = $metadata.GetCustomAttribute($handle)
            $ctor = $metadata.GetMemberReference([System.Reflection.Metadata.MemberReferenceHandle] $attribute.Constructor)
            $type = $metadata.GetTypeReference([System.Reflection.Metadata.TypeReferenceHandle] $ctor.Parent)
            if ($metadata.GetString($type.Name) -eq 'TargetFrameworkAttribute') {
                $blob = $metadata.GetBlobReader($attribute.Value)
                $null = $blob.ReadUInt16()   # the custom attribute prolog
                return $blob.ReadSerializedString()
            }
        }
        ''
    }
    finally { $stream.Dispose() }
}

function Format-Token([byte[]] $Token) {
    if (-not $Token) { return '' }
    -join ($Token | ForEach-Object { $_.ToString('x2') })
}

Export-ModuleMember -Function Get-AssemblyIdentity, Get-AssemblyReference, Get-TargetFramework
