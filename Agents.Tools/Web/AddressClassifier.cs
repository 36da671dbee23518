using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Agents.Tools.Web;

/// <summary>
/// Decides whether an IP address is a public internet address a fetch may connect to. Refused (with the
/// reason): IPv4 0/8, 10/8, 100.64/10 (CGNAT), 127/8, 169.254/16, 172.16/12, 192.0.0/24, 192.0.2/24,
/// 192.88.99/24, 192.168/16, 198.18/15, 198.51.100/24, 203.0.113/24, 224/4 (multicast), 240/4 (reserved) and
/// 255.255.255.255; IPv6 ::, ::1, everything outside 2000::/3 (fc00::/7 unique-local, fe80::/10 link-local,
/// ff00::/8 multicast, …), the IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96, SIIT ::ffff:0:0:0/96 and
/// NAT64 64:ff9b::/96 forms by their embedded IPv4 address, 64:ff9b:1::/48, 6to4 2002::/16 by its embedded
/// IPv4 address, Teredo 2001::/32, documentation 2001:db8::/32 and 3fff::/20, benchmarking 2001:2::/48,
/// ORCHID 2001:10::/28 and 2001:20::/28. Scoped IPv6 addresses (with a zone) are refused.
/// </summary>
public static class AddressClassifier
{
    private static readonly (uint Network, int Prefix, string Why)[] V4Blocks =
    [
        (0x00000000, 8, "'this network' 0.0.0.0/8"),
        (0x0A000000, 8, "private 10.0.0.0/8"),
        (0x64400000, 10, "carrier-grade NAT 100.64.0.0/10"),
        (0x7F000000, 8, "loopback 127.0.0.0/8"),
        (0xA9FE0000, 16, "link-local 169.254.0.0/16 (cloud metadata)"),
        (0xAC100000, 12, "private 172.16.0.0/12"),
        (0xC0000000, 24, "IETF protocol assignments 192.0.0.0/24"),
        (0xC0000200, 24, "documentation 192.0.2.0/24"),
        (0xC0586300, 24, "6to4 relay anycast 192.88.99.0/24"),
        (0xC0A80000, 16, "private 192.168.0.0/16"),
        (0xC6120000, 15, "benchmarking 198.18.0.0/15"),
        (0xC6336400, 24, "documentation 198.51.100.0/24"),
        (0xCB007100, 24, "documentation 203.0.113.0/24"),
        (0xE0000000, 4, "multicast 224.0.0.0/4"),
        (0xFFFFFFFF, 32, "broadcast 255.255.255.255"),
        (0xF0000000, 4, "reserved 240.0.0.0/4"),
    ];

    /// <summary>Returns null when <paramref name="address"/> is public, otherwise why it is refused.</summary>
    public static string? WhyBlocked(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return WhyBlockedV4(BinaryPrimitives.ReadUInt32BigEndian(b));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not an IPv4 or IPv6 address";
        }

        if (address.ScopeId != 0)
        {
            return "a scoped IPv6 address (zone id)";
        }

        Span<byte> a = stackalloc byte[16];
        address.TryWriteBytes(a, out _);
        var hi = BinaryPrimitives.ReadUInt64BigEndian(a);
        var lo = BinaryPrimitives.ReadUInt64BigEndian(a[8..]);
        var v4 = BinaryPrimitives.ReadUInt32BigEndian(a[12..]);
        if (hi == 0 && lo == 0)
        {
            return "the unspecified IPv6 address ::";
        }

        if (hi == 0 && lo == 1)
        {
            return "IPv6 loopback ::1";
        }

        if (hi == 0 && (lo >> 32) == 0xFFFF)
        {
            return Embedded("IPv4-mapped ::ffff:0:0/96", v4) ?? "an IPv4-mapped address (use the IPv4 form)";
        }

        if (hi == 0 && (lo >> 32) == 0)
        {
            return "an IPv4-compatible address ::/96 (deprecated)";
        }

        if (hi == 0 && (lo >> 32) == 0xFFFF_0000)
        {
            return Embedded("SIIT ::ffff:0:0:0/96", v4) ?? "an IPv4-translated address ::ffff:0:0:0/96";
        }

        if (hi == 0x0064_FF9B_0000_0000 && (lo >> 32) == 0)
        {
            return Embedded("NAT64 64:ff9b::/96", v4);
        }

        if ((hi >> 16) == 0x0064_FF9B_0001)
        {
            return "local-use NAT64 64:ff9b:1::/48";
        }

        var first16 = (ushort)(hi >> 48);
        if (first16 == 0x2002)
        {
            return Embedded("6to4 2002::/16", (uint)(hi >> 16));
        }

        if ((hi >> 32) == 0x2001_0000)
        {
            return "Teredo 2001::/32";
        }

        if ((hi >> 32) == 0x2001_0DB8)
        {
            return "documentation 2001:db8::/32";
        }

        if ((hi >> 16) == 0x2001_0002_0000)
        {
            return "benchmarking 2001:2::/48";
        }

        if ((hi >> 36) == 0x2001_001 || (hi >> 36) == 0x2001_002)
        {
            return "ORCHID 2001:10::/28";
        }

        if ((hi >> 44) == 0x3FFF0)
        {
            return "documentation 3fff::/20";
        }

        if ((first16 & 0xFE00) == 0xFC00)
        {
            return "unique-local fc00::/7";
        }

        if ((first16 & 0xFFC0) == 0xFE80)
        {
            return "link-local fe80::/10";
        }

        if ((first16 & 0xFFC0) == 0xFEC0)
        {
            return "site-local fec0::/10";
        }

        if ((first16 & 0xFF00) == 0xFF00)
        {
            return "multicast ff00::/8";
        }

        if ((first16 & 0xE000) != 0x2000)
        {
            return "outside global unicast 2000::/3";
        }

        return null;
    }

    /// <summary>Whether <paramref name="address"/> is public (see <see cref="WhyBlocked"/>).</summary>
    public static bool IsPublic(IPAddress address) => WhyBlocked(address) is null;

    private static string? WhyBlockedV4(uint v)
    {
        foreach (var (network, prefix, why) in V4Blocks)
        {
            var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
            if ((v & mask) == network)
            {
                return why;
            }
        }

        return null;
    }

    private static string? Embedded(string form, uint v4) =>
        WhyBlockedV4(v4) is { } why ? $"{form} embedding {why}" : null;
}
