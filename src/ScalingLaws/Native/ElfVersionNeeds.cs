using System.Buffers.Binary;
using System.Text;

namespace ScalingLaws.Native;

/// <summary>
/// Reads and edits the GNU symbol-version requirements (section <c>.gnu.version_r</c>) of a 64-bit
/// little-endian ELF shared library. Just enough ELF to mark one required version as weak.
/// </summary>
/// <remarks>
/// The dynamic loader refuses a library that requires a symbol version its dependency lacks, unless the
/// requirement carries VER_FLG_WEAK; then a missing version is only a warning. Layouts from the System V
/// gABI and the LSB "Symbol Versioning" chapter.
/// </remarks>
public static class ElfVersionNeeds
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    /// <summary>One required version (a Vernaux entry): its name and whether it is weak.</summary>
    public sealed record Requirement(string Library, string Version, bool IsWeak, int FlagsOffset);

    /// <summary>Every version requirement in the file, in section order.</summary>
    public static IReadOnlyList<Requirement> Read(byte[] elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("Not an ELF file (bad magic number).");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("Only 64-bit little-endian ELF files are supported.");

        var span = elf.AsSpan();
        long sectionHeaders = (long)BinaryPrimitives.ReadUInt64LittleEndian(span[0x28..]);
        int entrySize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3A..]);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3C..]);
        var result = new List<Requirement>();
        for (int i = 0; i < count; i++)
        {
            var header = span.Slice(checked((int)(sectionHeaders + (long)i * entrySize)), 64);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != ShtGnuVerneed) continue;
            int offset = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(header[0x18..]));
            int link = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x28..]);
            int needCount = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x2C..]);
            var strings = span.Slice(checked((int)(sectionHeaders + (long)link * entrySize)), 64);
            int stringsOffset = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(strings[0x18..]));

            int need = offset;
            for (int n = 0; n < needCount; n++)
            {
                // Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
                int auxCount = BinaryPrimitives.ReadUInt16LittleEndian(span[(need + 2)..]);
                string library = ReadString(span, stringsOffset + (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(need + 4)..]));
                int aux = need + (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(need + 8)..]);
                for (int a = 0; a < auxCount; a++)
                {
                    // Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
                    ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(span[(aux + 4)..]);
                    string version = ReadString(span, stringsOffset + (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 8)..]));
                    result.Add(new Requirement(library, version, (flags & VerFlagWeak) != 0, aux + 4));
                    aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 12)..]);
                }
                need += (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(need + 12)..]);
            }
        }
        return result;
    }

    /// <summary>
    /// Marks every requirement of <paramref name="version"/> weak, in memory. Returns how many entries changed
    /// (0 when the file does not require that version or already has it weak).
    /// </summary>
    public static int MakeWeak(byte[] elf, string version)
    {
        int changed = 0;
        foreach (var requirement in Read(elf))
        {
            if (requirement.Version != version || requirement.IsWeak) continue;
            var flags = elf.AsSpan(requirement.FlagsOffset, 2);
            BinaryPrimitives.WriteUInt16LittleEndian(flags, (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(flags) | VerFlagWeak));
            changed++;
        }
        return changed;
    }

    private static string ReadString(ReadOnlySpan<byte> span, int offset)
    {
        int end = span[offset..].IndexOf((byte)0);
        return Encoding.ASCII.GetString(span.Slice(offset, end));
    }
}
