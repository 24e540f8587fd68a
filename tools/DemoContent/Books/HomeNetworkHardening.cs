using DemoContent.Pdf;
using DemoContent.Png;

namespace DemoContent.Books;

public static class HomeNetworkHardening
{
    public static Book Create() => new(
        Slug: "home-network-hardening-checklist",
        Title: "Home Network Hardening Checklist",
        Subtitle: "An afternoon's worth of changes that make a home or small-office network much harder to break into",
        Author: "Written and illustrated by the Field Guides team",
        Keywords: "network security, router, Wi-Fi, VLAN, firewall, DNS, home office",
        Size: PageSize.Letter,
        Colors: new Palette(Rgb.Hex("#5B5BD6"), Rgb.Hex("#1C1B3A"), Rgb.Hex("#8FD3FF")),
        Cover: Motif.Shield,
        Price: 1500,
        Currency: "usd",
        DownloadUses: 3,
        DownloadExpiryHours: 24,
        Published: true,
        Description: """
            Most home networks are set up once, on the day the internet provider's router arrives, and never looked at again. This checklist walks you through the changes that matter most, in the order that gives the biggest improvement for the least effort.

            It is written for the person who ends up being the family's or the small office's IT department: comfortable with a router's admin page, but without the time to become a security engineer. Every recommendation explains what it protects against, so you can decide what is worth doing on your own network.

            **What's inside**

            - Know what you have: an inventory in twenty minutes
            - The router comes first: firmware, admin access and risky features
            - Wi-Fi that resists guessing
            - Segmenting the network for guests and smart devices
            - DNS, updates and backups
            - The one-page checklist to repeat every six months

            US Letter PDF, {pages} pages, with network diagrams. The advice applies to consumer routers as well as to OpenWrt, pfSense and OPNsense.
            """,
        Chapters:
        [
            new Chapter("Know What You Have",
                new Paragraph("You cannot protect devices you do not know about. A typical home now has three or four times as many connected devices as people: phones and laptops, but also a television, a printer, a doorbell, a thermostat, speakers and the odd plug that someone bought on sale. Each of them runs software that somebody has to keep up to date, and many of them never will be."),
                new Paragraph("Start with an inventory. Your router's admin page lists the devices that currently hold an address, usually under a heading like DHCP clients or attached devices. Copy the list into a spreadsheet or a text file with the name, the hardware address, who owns the device and what it is for. Anything you cannot identify deserves a closer look: unplug candidates one by one until the entry disappears."),
                new Bullets(
                    "Name each device in the router so the list stays readable.",
                    "Note which devices still receive updates and which are abandoned.",
                    "Mark devices that need to be reachable from the internet; ideally none.",
                    "Keep the inventory next to the router's admin password in your password manager."),
                new Tip("Twenty minutes well spent", "The inventory is the foundation for everything else in this checklist. When you later split the network into segments, it tells you which device belongs where.")),

            new Chapter("The Router Comes First",
                new Paragraph("The router sits between your network and the rest of the internet, and it is the one device that attackers can reach directly. Treat it accordingly. Log in to its admin page and check for a firmware update before changing anything else; router vulnerabilities are found every year, and a patched router closes the door on most automated attacks."),
                new Paragraph("Change the admin password to a long, unique one stored in your password manager. Many routers ship with a default password printed on a sticker, and some ship with one that is the same for every unit. While you are there, turn off remote administration unless you truly need it. If you do, prefer a VPN into your network over exposing the admin page to the whole internet."),
                new Heading("Features to switch off"),
                new Bullets(
                    "WPS, the push-button or PIN pairing method: the PIN variant can be guessed in hours.",
                    "UPnP, which lets any device open ports in your firewall without asking.",
                    "Remote management and cloud access you do not use.",
                    "Old port forwards for games or cameras that you no longer run."),
                new Paragraph("If your provider's router cannot be updated or does not allow these settings, consider putting it into bridge mode and adding a router you control behind it. Routers that run OpenWrt, or small appliances running pfSense or OPNsense, receive updates for many years and give you the segmentation features described in chapter 4.")),

            new Chapter("Wi-Fi That Resists Guessing",
                new Paragraph("Wireless networks reach beyond your walls, so their security depends entirely on encryption and the strength of the passphrase. Use WPA3 if all your devices support it, or the WPA2/WPA3 transition mode if some older ones do not. Never use WEP or WPA with TKIP; both were broken long ago and only remain in menus for compatibility with ancient hardware."),
                new Paragraph("An attacker who captures the handshake of a WPA2 network can try passphrases offline, at billions of guesses per second, without you ever noticing. Length defeats this. A passphrase of five or six random words is both easy to type on a television remote and far beyond the reach of guessing. Names, addresses and phone numbers are the first things an attacker tries."),
                new Code(
                    "Weak:    Smith2019!",
                    "Weak:    maple-street-42",
                    "Strong:  orbit canvas lentil harbor sketch",
                    "Strong:  7 random words from a dice list"),
                new Paragraph("Give visitors their own guest network. Guests then get internet access without being able to see your computers, printers or storage. Most routers offer a guest network with a single switch; make sure the option to let guests reach the local network is turned off. Change the guest passphrase occasionally, for example when you change the clocks."),
                new Tip("Hiding the network name does not help", "A hidden SSID is still broadcast in every connection attempt and is easy to discover. It mainly makes your own devices less reliable, so leave the name visible and rely on a strong passphrase.")),

            new Chapter("Segment the Network",
                new Paragraph("Smart devices are the weakest part of most home networks. They are cheap, rarely updated and often talk to cloud services you know little about. Segmentation limits the damage if one is compromised: put them on a separate network that can reach the internet but cannot start connections to your laptops, phones and storage."),
                new Figure(190, "Three segments behind one firewall; arrows show which side may start a connection", DrawSegments),
                new Paragraph("On routers that support it, create separate networks with VLANs, each with its own Wi-Fi name and address range. A simple and effective layout has three segments: trusted devices, smart devices and guests. Trusted devices may start connections anywhere; smart devices and guests may reach only the internet. Replies to connections that trusted devices start are still allowed, so you can control the television from your phone."),
                new Code(
                    "allow  trusted -> any",
                    "allow  iot     -> internet",
                    "allow  guest   -> internet",
                    "allow  iot     -> trusted : established replies only",
                    "deny   iot     -> trusted, guest",
                    "deny   guest   -> trusted, iot"),
                new Paragraph("Some features rely on devices discovering each other, such as casting to a television or printing. These use multicast protocols that do not cross segments by default. Most router software offers an mDNS reflector that forwards discovery messages between chosen segments; enable it for the specific pair of networks that needs it rather than joining them together.")),

            new Chapter("DNS, Updates and Backups",
                new Paragraph("Every connection starts with a DNS lookup, which makes DNS a useful place to block known malicious and tracking domains for every device at once, including those you cannot configure. A filtering resolver on the router, a small Pi-hole or AdGuard Home box, or a public filtering service all work. Configure the router to hand out your chosen resolver, and block outgoing DNS to other servers so devices cannot quietly bypass it."),
                new Paragraph("Updates remain the single most effective defence. Turn on automatic updates for computers, phones and the router wherever possible. For everything else, put a reminder in your calendar to check once a quarter. Devices that no longer receive updates should move to the smart-device segment or, better, be replaced."),
                new Heading("Plan for the bad day"),
                new Paragraph("Hardening lowers the odds of trouble but never removes them. Ransomware, a failed disk or a stolen laptop can still happen, and a backup is what turns a disaster into an inconvenience. Follow the 3-2-1 rule: three copies of important data, on two kinds of storage, with one copy away from home or offline. Test a restore now and then, because an untested backup is only a hope."),
                new Bullets(
                    "Export your router configuration after every change and keep it with the inventory.",
                    "Write down how to reach your provider and what your connection details are.",
                    "Keep a printed copy of this checklist and the router's admin address.")),

            new Chapter("The Checklist",
                new Paragraph("Work through the list below once now and again every six months. Each line takes a few minutes at most. Tick what is done, note what you decided not to do and why, and keep the page with your inventory so the next review starts where this one stopped."),
                new Figure(250, "The six-monthly review; tick each box as you go", DrawChecklist),
                new Paragraph("None of these steps requires special equipment or deep expertise, and together they put your network ahead of the vast majority of homes. Attackers who scan the internet look for the easy targets: default passwords, unpatched routers and open ports. A network that offers none of them is simply not worth their time.")),
        ]);

    private static readonly string[] ChecklistItems =
    [
        "Device inventory up to date, unknown devices identified",
        "Router firmware updated, admin password unique",
        "WPS, UPnP and unused remote access switched off",
        "No port forwards you cannot explain",
        "Wi-Fi on WPA3 or WPA2-AES with a long passphrase",
        "Guest network isolated from local devices",
        "Smart devices on their own segment",
        "Filtering DNS in use; outgoing DNS to others blocked",
        "Automatic updates on for computers, phones and router",
        "Backups follow 3-2-1 and a restore was tested",
        "Router configuration exported and stored safely",
    ];

    private static void DrawSegments(Sketch s)
    {
        var c = s.Colors;
        s.Box(150, 160, 100, 26, "Internet", c.Deep.Tint(0.85), Sketch.Ink);
        s.Box(135, 110, 130, 30, "Router and firewall\nfirmware current, WPS off", c.Accent.Tint(0.55), Sketch.Ink);
        s.Line(200, 140, 200, 160, c.Deep, 1.4);
        var segments = new (string Name, string Detail, double X, Rgb Fill)[]
        {
            ("Trusted", "laptops, phones, NAS", 10, c.Glow.Tint(0.55)),
            ("Smart devices", "TV, speakers, plugs", 140, c.Accent.Tint(0.75)),
            ("Guests", "visitors' phones", 270, c.Deep.Tint(0.85)),
        };
        foreach (var (name, detail, x, fill) in segments)
        {
            s.Line(200, 110, x + 60, 78, Sketch.Grey, 0.8);
            s.Box(x, 40, 120, 38, name + "\n" + detail, fill, Sketch.Ink);
        }

        s.Arrow(70, 36, 70, 10, c.Deep, 1);
        s.Label(76, 14, "may start connections anywhere", 6.5, Sketch.Grey);
        s.Arrow(200, 36, 200, 10, Sketch.Grey, 1);
        s.Label(206, 14, "internet only", 6.5, Sketch.Grey);
        s.Arrow(330, 36, 330, 10, Sketch.Grey, 1);
        s.Label(336, 14, "internet only", 6.5, Sketch.Grey);
    }

    private static void DrawChecklist(Sketch s)
    {
        var c = s.Colors;
        var rowHeight = 250.0 / ChecklistItems.Length;
        for (var i = 0; i < ChecklistItems.Length; i++)
        {
            var y = 250 - (i + 1) * rowHeight;
            if (i % 2 == 0)
            {
                s.Canvas.FillRect(0, y, 400, rowHeight, c.Glow.Tint(0.85));
            }

            s.Canvas.StrokeRect(10, y + rowHeight / 2 - 5, 10, 10, c.Deep, 0.9);
            s.Label(30, y + rowHeight / 2 - 3, ChecklistItems[i], 8.5);
            s.Line(330, y + rowHeight / 2 - 4, 390, y + rowHeight / 2 - 4, Sketch.Grey.Tint(0.4), 0.5);
        }

        s.Label(360, 252 - rowHeight / 2 + 6, "date", 6, Sketch.Grey, centred: true);
    }
}
