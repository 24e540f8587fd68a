using DemoContent.Pdf;
using DemoContent.Png;

namespace DemoContent.Books;

public static class CanBusFieldGuide
{
    public static Book Create() => new(
        Slug: "can-bus-field-guide",
        Title: "CAN Bus Field Guide",
        Subtitle: "Wiring, frames, bit timing and troubleshooting for the two-wire network inside machines and vehicles",
        Author: "Written and illustrated by the Field Guides team",
        Keywords: "CAN, CAN bus, SocketCAN, automotive, embedded, troubleshooting",
        Size: PageSize.Letter,
        Colors: new Palette(Rgb.Hex("#1E8A8A"), Rgb.Hex("#12304A"), Rgb.Hex("#7FE0D2")),
        Cover: Motif.Bus,
        Price: 2900,
        Currency: "usd",
        DownloadUses: 3,
        DownloadExpiryHours: 24,
        Published: true,
        Description: """
            A practical guide to the Controller Area Network for people who have to make one work: embedded developers, vehicle and machine technicians, and makers who just plugged a USB adapter into a tractor.

            The guide starts at the copper — twisted pair, termination and voltage levels — and works up through frames, arbitration and bit timing to the tools you use on the bench. Along the way it gives the quick checks that find real faults, and the last chapter is a troubleshooting checklist you can print and keep in the van.

            **What's inside**

            - Why CAN still matters, and where it is used
            - The physical layer: wiring, termination and voltage levels
            - Frames and arbitration, with a bit-by-bit frame diagram
            - Bit timing, sample points and choosing a baud rate
            - Tools on the bench: SocketCAN, candump and cansend
            - A troubleshooting checklist for error frames and bus-off

            US Letter PDF, {pages} pages, with diagrams. No prior networking knowledge needed; comfort with a multimeter helps.
            """,
        Chapters:
        [
            new Chapter("Why CAN Still Matters",
                new Paragraph("The Controller Area Network was designed in the 1980s to replace the thick looms of point-to-point wiring in cars with a single shared pair of wires. Four decades later it is still everywhere: in passenger cars and trucks, in farm machinery, lifts, medical devices, e-bikes, industrial robots and the battery packs of home storage systems. It survived because it solves a hard problem cheaply. Dozens of small controllers can share one cable, every message arrives with a checksum, and the most important message always wins access to the bus without a central master deciding who may talk."),
                new Paragraph("CAN is also forgiving in a way that newer networks are not. It runs over unshielded twisted pair for tens of metres, tolerates the electrical noise of starter motors and welding sets, and keeps working when one node misbehaves because faulty nodes take themselves off the bus. That robustness is the reason you will meet CAN long after faster networks have arrived: the slow, boring link between a motor controller and a dashboard rarely needs more than a few hundred kilobits per second."),
                new Heading("Who this guide is for"),
                new Paragraph("This guide is for people who have to get a CAN network working or find out why it stopped. It assumes you can use a multimeter and are comfortable at a Linux shell, but it does not assume any background in networking. Where the standard offers several options we describe the common one and mention the others, so that you can recognise them when a data sheet refers to them."),
                new Bullets(
                    "Embedded developers bringing up a new board with a CAN transceiver.",
                    "Technicians diagnosing vehicles, agricultural equipment or industrial machines.",
                    "Makers reading data from an e-bike, a solar inverter or a car's diagnostic port."),
                new Paragraph("Throughout the guide we use classic CAN with 11-bit identifiers as the running example. CAN FD, the newer variant with a faster data phase and payloads of up to 64 bytes, follows the same principles; chapter 4 explains the differences that matter when you configure a controller.")),

            new Chapter("The Physical Layer",
                new Paragraph("A CAN bus is a single twisted pair of wires called CAN_H and CAN_L, usually with a shared ground, running past every node. The nodes connect to the pair with short stubs rather than long branches, so the network is a line, not a star. Each end of the line carries a 120 ohm resistor between CAN_H and CAN_L. These terminators match the characteristic impedance of the cable and stop signals from reflecting off the open ends, which would otherwise corrupt the bits that follow."),
                new Figure(170, "A linear bus: short stubs to each node and a terminator at both ends", DrawTopology),
                new Paragraph("The pair carries a differential signal. When no node is driving, both wires float at about 2.5 volts and the bus is said to be recessive, which represents a logical 1. To send a 0, a transceiver drives CAN_H up towards 3.5 volts and CAN_L down towards 1.5 volts; this is the dominant state. Receivers look only at the difference between the two wires, so noise that lifts or drops both wires together is ignored. That is why the wires are twisted: any interference couples into both equally."),
                new Heading("Checking the wiring"),
                new Paragraph("Most CAN faults in the field are wiring faults, and the fastest test needs only a multimeter. With the power off, measure the resistance between CAN_H and CAN_L anywhere on the bus. Two 120 ohm terminators in parallel read as 60 ohms. A reading of 120 ohms means one terminator is missing; 40 ohms means someone has added a third. An open circuit points to a broken wire between you and both ends."),
                new Tip("Quick check: 60 ohms", "Measure between CAN_H and CAN_L with the system powered down. About 60 ohms is healthy, 120 ohms means a missing terminator, and anything near zero is a short between the wires or a damaged transceiver."),
                new Paragraph("With the power on and the bus idle, both wires should sit near 2.5 volts relative to ground. If one wire sits at 0 or at the supply voltage, look for a short to ground or to power in a connector. Keep stubs short -- under 30 centimetres at 500 kbit/s is a sensible rule -- and keep the ground reference shared, because transceivers only tolerate a few volts of ground offset between nodes.")),

            new Chapter("Frames and Arbitration",
                new Paragraph("Everything on a CAN bus travels as a frame. A frame does not say who sent it or who should receive it. Instead it carries an identifier that describes what the data is, such as engine speed or battery temperature, and every node decides for itself whether it cares. This makes adding a listener trivial: a data logger can be plugged in without any node being reconfigured."),
                new Figure(120, "A classic base frame; the numbers are field lengths in bits", DrawFrame),
                new Paragraph("A classic base frame begins with a single dominant start-of-frame bit, followed by the 11-bit identifier and the remote request bit. The control field holds the data length code, which gives the payload size from zero to eight bytes. After the data comes a 15-bit CRC, an acknowledge slot and seven recessive end-of-frame bits. Any receiver that gets the frame intact drives the acknowledge slot dominant, so the sender knows that at least one node heard it."),
                new Heading("How arbitration works"),
                new Paragraph("When two nodes start transmitting at the same instant, the bus settles the conflict bit by bit. Each transmitter reads back the bus while it sends its identifier. Because a dominant 0 overrides a recessive 1, a node that sends a 1 but reads a 0 knows another node is sending a more urgent message, stops immediately and tries again after the frame. The node with the lowest identifier wins without losing a single bit, which is why CAN designers give the most time-critical messages the smallest identifiers."),
                new Paragraph("The bus also polices itself with stuffing: after five identical bits in a row the transmitter inserts one bit of the opposite level, which receivers remove again. Stuffing guarantees enough edges for every node to stay synchronised, and a run of six identical bits is therefore always an error. You will see the stuff bits on an oscilloscope, so frames look a little longer than the field table suggests."),
                new Bullets(
                    "Data frames carry the payload and are by far the most common.",
                    "Remote frames ask another node to send data; modern designs rarely use them.",
                    "Error frames are six dominant bits sent deliberately to destroy a damaged frame.",
                    "Overload frames ask for a pause; current controllers almost never send them.")),

            new Chapter("Bit Timing and Baud Rates",
                new Paragraph("Every node on a bus must agree on the bit rate, and agreeing is harder than it sounds, because each controller derives its timing from its own crystal. CAN divides every bit into small units called time quanta and splits the bit into segments: a synchronisation segment, a propagation segment and two phase segments. The receiver samples the bus at the point between the two phase segments, and it nudges its timing on every recessive-to-dominant edge to stay aligned with the sender."),
                new Paragraph("The sample point matters more than the exact number of quanta. Sampling late in the bit leaves time for the signal to travel to the far end of the cable and settle; sampling too late leaves no margin for resynchronisation. Most automotive and industrial specifications call for a sample point near 87.5 percent, and mixing nodes with very different sample points on one bus is a classic source of intermittent errors."),
                new Code(
                    "bitrate    max bus length   typical use",
                    "1 Mbit/s   25 m             drives, robotics",
                    "500 kbit/s 100 m            cars, e-bikes",
                    "250 kbit/s 250 m            trucks, J1939",
                    "125 kbit/s 500 m            building control"),
                new Paragraph("The lengths in the table are rules of thumb for good cable and short stubs. Propagation delay grows with cable length, and at 1 Mbit/s a bit lasts only one microsecond, so long networks must run slower. When in doubt, measure: a frame captured with an oscilloscope at both ends of the bus shows whether edges arrive cleanly before the sample point."),
                new Heading("CAN FD in one page"),
                new Paragraph("CAN FD keeps classic arbitration but switches to a faster bit rate for the data and CRC fields, and allows payloads of up to 64 bytes. A controller therefore needs two sets of timing parameters, one for the arbitration phase and one for the data phase. Classic CAN controllers treat FD frames as errors, so a mixed network needs every node to be FD-tolerant before anybody starts sending them.")),

            new Chapter("Tools on the Bench",
                new Paragraph("On Linux, CAN interfaces appear as network devices thanks to SocketCAN, which is part of the mainline kernel. A cheap USB adapter or a CAN hat for a single-board computer shows up as can0, and the can-utils package provides the everyday tools. Bringing the interface up sets the bit rate; after that, candump prints every frame it sees and cansend puts one on the wire."),
                new Code(
                    "$ sudo ip link set can0 type can bitrate 500000",
                    "$ sudo ip link set can0 up",
                    "$ candump -tz can0",
                    " (000.000000)  can0  1A0   [8]  00 3C 7F 00 00 00 12 04",
                    " (000.010214)  can0  0F5   [2]  01 90",
                    "$ cansend can0 123#DEADBEEF"),
                new Paragraph("A virtual interface is the best place to try things out. Create one with ip link add dev vcan0 type vcan, and you can replay captured logs with canplayer or generate random traffic with cangen without risking a real machine. Captures made with candump -l are plain text, so they fit comfortably in version control next to the code that decodes them."),
                new Tip("Listen before you talk", "On an unknown bus, start with the interface in listen-only mode (ip link set can0 type can bitrate 500000 listen-only on). Your adapter will not acknowledge frames or send error frames, so a wrong bit rate cannot disturb a running machine."),
                new Paragraph("Decoding the payload is the next step. Many manufacturers publish DBC files, which describe which bits of which identifier hold which signal, with scaling and units. Open-source tools such as cantools read DBC files and turn raw frames into values like 1450 rpm or 23.5 degrees, and they are invaluable when you want to plot signals over time.")),

            new Chapter("Troubleshooting Checklist",
                new Paragraph("CAN controllers count their own mistakes. Each node keeps a transmit error counter and a receive error counter, which rise quickly with every error and fall slowly with every good frame. A node whose counters pass 127 becomes error-passive and stops destroying other frames; a node whose transmit counter passes 255 goes bus-off and disconnects itself entirely. This containment keeps one broken node from taking the whole network down, but it also means a fault can look like a node that simply went quiet."),
                new Paragraph("Work through the list below in order. The early checks take seconds and find most problems; the later ones need an oscilloscope and some patience."),
                new Bullets(
                    "Resistance between CAN_H and CAN_L with power off: about 60 ohms.",
                    "Idle voltages with power on: both wires close to 2.5 V against ground.",
                    "Every node configured for the same bit rate and a similar sample point.",
                    "Stubs short, cable twisted, no star wiring added during a repair.",
                    "Ground shared between nodes; no more than a couple of volts of offset.",
                    "Error counters read with ip -details -statistics link show can0.",
                    "A node that sends alone gets no acknowledgement: check for a second node.",
                    "Scope the differential signal: clean edges that settle before the sample point."),
                new Paragraph("Intermittent faults are the hardest. Log traffic for long enough to catch one, note the error counters before and after, and correlate the timing with what the machine was doing: a fault that appears when a motor starts is usually about grounding or shielding, not software. When you have fixed it, keep the capture. The next person to work on the machine will thank you for a record of what normal looks like.")),
        ]);

    private static void DrawTopology(Sketch s)
    {
        var c = s.Colors;
        s.Line(30, 70, 370, 70, c.Accent, 2.2);
        s.Line(30, 50, 370, 50, c.Deep, 2.2);
        s.Label(4, 67, "CAN_H", 7, c.Accent, bold: true);
        s.Label(4, 47, "CAN_L", 7, c.Deep, bold: true);
        foreach (var x in new[] { 38.0, 362.0 })
        {
            s.Canvas.FillRect(x - 5, 48, 10, 24, c.Glow.Tint(0.4));
            s.Canvas.StrokeRect(x - 5, 48, 10, 24, Sketch.Ink, 0.7);
            s.Label(x, 30, "120 ohm", 7, Sketch.Grey, centred: true);
        }

        var names = new[] { ("Engine\ncontroller", 95.0), ("Dashboard", 175.0), ("Battery\nmonitor", 255.0), ("Data\nlogger", 325.0) };
        foreach (var (name, x) in names)
        {
            s.Line(x - 8, 110, x - 8, 70, c.Accent, 1.2);
            s.Line(x + 8, 110, x + 8, 50, c.Deep, 1.2);
            s.Canvas.Circle(x - 8, 70, 1.8, c.Accent);
            s.Canvas.Circle(x + 8, 50, 1.8, c.Deep);
            s.Box(x - 32, 110, 64, 40, name, c.Glow.Tint(0.75), Sketch.Ink);
        }
    }

    private static void DrawFrame(Sketch s)
    {
        var c = s.Colors;
        var fields = new (string Name, string Bits, double Width, Rgb Fill)[]
        {
            ("SOF", "1", 24, c.Deep.Tint(0.7)),
            ("Identifier", "11", 70, c.Accent.Tint(0.45)),
            ("RTR", "1", 24, c.Deep.Tint(0.7)),
            ("Control", "6", 44, c.Glow.Tint(0.5)),
            ("Data", "0-64", 88, c.Accent.Tint(0.7)),
            ("CRC", "16", 50, c.Glow.Tint(0.5)),
            ("ACK", "2", 28, c.Deep.Tint(0.7)),
            ("EOF", "7", 40, c.Deep.Tint(0.8)),
        };
        var x = 16.0;
        foreach (var (name, bits, width, fill) in fields)
        {
            s.Box(x, 50, width, 34, name, fill, Sketch.Ink, size: 7);
            s.Label(x + width / 2, 38, bits, 7, Sketch.Grey, centred: true);
            x += width;
        }

        s.Arrow(16, 100, 134, 100, c.Accent);
        s.Label(16, 106, "arbitration field", 7, c.Accent, bold: true);
        s.Arrow(16, 18, x, 18, Sketch.Grey, 0.6);
        s.Label(200, 22, "time", 7, Sketch.Grey, centred: true);
    }
}
