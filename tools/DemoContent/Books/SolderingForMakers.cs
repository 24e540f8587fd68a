using DemoContent.Pdf;
using DemoContent.Png;

namespace DemoContent.Books;

public static class SolderingForMakers
{
    public static Book Create() => new(
        Slug: "soldering-for-makers",
        Title: "Soldering for Makers",
        Subtitle: "A pocket handbook for clean, reliable joints -- from your first through-hole kit to fine-pitch surface mount",
        Author: "Written and illustrated by the Field Guides team",
        Keywords: "soldering, electronics, through-hole, SMD, desoldering, makers",
        Size: PageSize.A5,
        Colors: new Palette(Rgb.Hex("#D9712B"), Rgb.Hex("#3A1F2E"), Rgb.Hex("#FFC46B")),
        Cover: Motif.SolderingIron,
        Price: 1900,
        Currency: "usd",
        DownloadUses: 5,
        DownloadExpiryHours: 48,
        Published: true,
        Description: """
            A compact, friendly handbook for anyone who builds electronics at the kitchen table or in a makerspace. It explains what actually happens inside a solder joint, so that good technique stops being a mystery and bad joints become easy to spot.

            Each chapter is short enough to read while the iron heats up. The pocket-sized A5 layout prints well on a home printer, and the step-by-step lists are meant to sit next to you on the bench.

            **What's inside**

            - Choosing an iron, tips, solder and flux without overspending
            - Safety: fumes, lead hygiene and burns
            - Anatomy of a good joint, with cross-section diagrams
            - Through-hole soldering step by step
            - Surface-mount parts without fear: tacking, drag soldering and hot air
            - Desoldering and repairing lifted pads

            A5 PDF, {pages} pages. Written for beginners; experienced builders will still find the troubleshooting notes useful.
            """,
        Chapters:
        [
            new Chapter("Tools and Materials",
                new Paragraph("You do not need an expensive station to solder well, but you do need temperature control. A cheap iron without it runs far too hot when idle and too cold when it meets a large copper area, and both extremes make bad joints. A basic station or a modern pen-style iron with a set temperature is the single best purchase a beginner can make."),
                new Paragraph("Tips matter almost as much as the iron. A chisel tip of about two millimetres covers most work, because its flat face moves heat into a joint far better than a sharp conical point. Keep the tip tinned with a thin coat of solder whenever it is hot; a bare tip oxidises within minutes and then refuses to wet."),
                new Heading("Solder and flux"),
                new Paragraph("Leaded solder with 63 percent tin and 37 percent lead melts at a single temperature and is the easiest to learn with. Lead-free alloys such as SAC305 are required for products you sell in many countries; they melt hotter, wet more slowly and leave duller joints that are still perfectly good. Use wire of 0.5 to 0.8 millimetres with a flux core for electronics."),
                new Paragraph("Flux cleans oxide from the metal surfaces as they heat, and it is the secret behind nearly every joint that flows nicely. The core in your solder wire is enough for simple work. For surface-mount parts and rework, keep a flux pen or a syringe of no-clean gel flux on the bench."),
                new Bullets(
                    "Temperature-controlled iron with a two-millimetre chisel tip.",
                    "Flux-cored solder wire, 0.5 to 0.8 mm.",
                    "Brass wool for cleaning the tip; a damp sponge works too.",
                    "Desoldering braid and a flux pen.",
                    "Flush cutters, fine tweezers and a fume extractor or fan.")),

            new Chapter("Safety First",
                new Paragraph("Soldering is safe when you respect three things: heat, fumes and lead. The tip of an iron sits at well over 300 degrees Celsius and looks exactly the same as a cold one. Always return it to its stand, never lay it on the bench, and keep the cable where you cannot catch it with an elbow."),
                new Paragraph("The smoke you see is not lead but burning flux, and it irritates the lungs and eyes. Work in a ventilated room and use a small extractor or a fan that draws the smoke away from your face rather than blowing it around. People who solder every day should use a proper extractor with a carbon filter."),
                new Tip("Lead hygiene", "Lead does not evaporate at soldering temperatures, but it sticks to your fingers. Do not eat or drink at the bench, and wash your hands with soap after a session. Keep leaded solder away from small children."),
                new Paragraph("Wear safety glasses when you clip component leads. A cut lead flies off at surprising speed, and eyes do not heal the way fingers do. Finally, never solder on anything connected to mains power, and let large capacitors discharge before you touch a board that has been in use.")),

            new Chapter("Anatomy of a Good Joint",
                new Paragraph("Solder is not glue. A good joint forms when molten tin dissolves a thin layer of the copper pad and the component lead and creates an intermetallic bond with both. For that to happen, both metal surfaces must be clean and both must be hot. Solder that touches a cold surface simply sits on top of it in a ball, looking connected while making no reliable contact."),
                new Figure(150, "Cross-sections: a good fillet, a cold joint and too little solder", DrawJoints),
                new Paragraph("A good through-hole joint looks like a small volcano: a smooth, concave fillet that rises from the edge of the pad and hugs the lead. The solder should be shiny with leaded alloys and satin with lead-free ones. You should still be able to see the outline of the lead inside it, which shows that there is enough solder but not too much."),
                new Heading("The usual faults"),
                new Bullets(
                    "Cold joint: a dull, lumpy ball that sits on the pad. Reheat with fresh flux.",
                    "Too little solder: the hole is not filled and the fillet is thin. Add a little more.",
                    "Bridge: solder joins two pads. Drag it away with a clean tip or use braid.",
                    "Overheated pad: the copper lifts from the board. See the repair chapter."),
                new Paragraph("Most faults come from feeding solder onto the tip of the iron instead of into the joint. The flux then burns off before it reaches the metal, and the solder arrives on a surface that is not yet hot enough to wet. Heat the joint, then feed the solder into it.")),

            new Chapter("Through-Hole Step by Step",
                new Paragraph("Through-hole kits are the best way to learn, because every joint is big enough to see and forgiving of small mistakes. Start with the lowest parts, such as resistors and diodes, and finish with the tallest, so that the board lies flat on the bench while you work."),
                new Bullets(
                    "Insert the part, bend the leads out slightly so it cannot fall out.",
                    "Wipe the tip and add a tiny drop of solder to help heat flow.",
                    "Touch the tip to both the pad and the lead at the same time.",
                    "After one or two seconds, feed solder into the joint, not the tip.",
                    "Remove the solder first, then the iron, and let the joint cool undisturbed.",
                    "Clip the lead just above the top of the fillet."),
                new Figure(110, "Suggested tip temperatures; start low and raise only if joints are slow", DrawTemperatures),
                new Paragraph("The whole joint should take two to four seconds. If it takes longer, the tip is too small or too cold for the job; ground planes and large connectors may need a bigger tip rather than more temperature. Heat kept on a joint for too long damages components and lifts pads."),
                new Tip("Tin before you start", "Melt a little solder onto a fresh tip as soon as it reaches temperature, and again before you put the iron back in its stand. A tinned tip transfers heat far better and lasts many times longer.")),

            new Chapter("Surface-Mount Without Fear",
                new Paragraph("Surface-mount parts look intimidating, but many of them are easier to solder than through-hole parts once you have flux and fine tweezers. The trick is to fix the part in place with one joint before you attempt the rest, so that it cannot wander while you work."),
                new Paragraph("For two-terminal parts such as 0805 resistors, add a little solder to one pad, hold the part against it with tweezers and reheat the pad until the part settles flat. Then solder the other end normally, and finally reflow the first joint with a touch of flux so that it is as good as the second."),
                new Heading("Drag soldering fine pitch"),
                new Paragraph("Chips with many closely spaced pins are soldered with a technique called drag soldering. Align the chip carefully and tack two opposite corners. Flood the pins with flux, load the tip with a small bead of solder and drag it slowly along the row of pins. Surface tension pulls the solder onto each pin and pad and away from the gaps between them, as long as there is plenty of flux."),
                new Paragraph("Bridges are normal and easy to fix: add more flux and drag a clean tip across them, or lay braid over the row and heat it briefly. A hot-air station makes rework of larger chips simpler, but it is an addition to a good iron rather than a replacement for one.")),

            new Chapter("Desoldering and Repair",
                new Paragraph("Everyone has to take parts off a board sooner or later. Desoldering braid is fine copper mesh soaked in flux; pressed onto a joint with the iron, it wicks the molten solder away by capillary action. Use a fresh section for each joint and cut off the used part, because saturated braid no longer absorbs anything."),
                new Paragraph("A spring-loaded solder pump works well for through-hole parts: melt the joint, put the nozzle over it and release the plunger. Adding fresh solder to an old joint before you remove it sounds odd but helps, because new solder with fresh flux melts and flows far more easily than the old alloy."),
                new Heading("Lifted pads and broken traces"),
                new Paragraph("If a pad lifts from the board, stop heating it. Scrape the solder mask off the trace a few millimetres away, tin the bare copper and bridge the gap with a short piece of thin wire soldered to both the component lead and the trace. Secure the repair with a drop of glue or UV-cured mask, and mark the board so the next person knows what happened."),
                new Paragraph("Finally, clean up. No-clean flux may stay on most hobby boards, but heavy residue from rework looks bad and can trap dirt. Isopropyl alcohol and an old toothbrush remove it quickly. Inspect every joint under a magnifier before you power the board: a minute with a loupe saves an hour with a multimeter.")),
        ]);

    private static void DrawJoints(Sketch s)
    {
        var c = s.Colors;
        var solder = Rgb.Hex("#B9C0C8");
        var board = Rgb.Hex("#5E8C4A");
        var copper = Rgb.Hex("#C9793A");
        string[] labels = ["Good: concave fillet", "Cold: ball on the pad", "Too little solder"];
        for (var i = 0; i < 3; i++)
        {
            var cx = 70 + i * 130.0;
            s.Canvas.FillRect(cx - 55, 40, 110, 22, board);
            s.Canvas.FillRect(cx - 34, 62, 68, 5, copper);
            s.Canvas.FillRect(cx - 34, 35, 68, 5, copper);
            switch (i)
            {
                case 0:
                    s.Canvas.FillPolygon([(cx - 34, 67), (cx + 34, 67), (cx + 20, 72), (cx + 10, 82), (cx + 5, 100), (cx - 5, 100), (cx - 10, 82), (cx - 20, 72)], solder);
                    break;
                case 1:
                    s.Canvas.Circle(cx, 90, 20, solder);
                    s.Canvas.FillRect(cx - 34, 62, 68, 5, copper);
                    break;
                default:
                    s.Canvas.FillPolygon([(cx - 12, 67), (cx + 12, 67), (cx + 5, 72), (cx - 5, 72)], solder);
                    break;
            }

            s.Canvas.FillRect(cx - 3, 24, 6, 106, Rgb.Hex("#7D848C"));
            s.Label(cx, 8, labels[i], 7.5, i == 0 ? c.Deep : Sketch.Grey, bold: i == 0, centred: true);
        }
    }

    private static void DrawTemperatures(Sketch s)
    {
        var c = s.Colors;
        var rows = new (string Label, double From, double To)[]
        {
            ("Leaded 63/37", 310, 340),
            ("Lead-free SAC305", 340, 370),
            ("Small SMD parts", 290, 320),
            ("Ground planes, connectors", 350, 390),
        };
        double X(double t) => 130 + (t - 270) * 2;
        for (var t = 280; t <= 400; t += 20)
        {
            s.Line(X(t), 18, X(t), 104, Sketch.Grey.Tint(0.7), 0.4);
            s.Label(X(t), 6, $"{t}\u00B0C", 6.5, Sketch.Grey, centred: true);
        }

        for (var i = 0; i < rows.Length; i++)
        {
            var y = 84 - i * 20.0;
            s.Label(0, y + 3, rows[i].Label, 7.5);
            s.Canvas.FillRect(X(rows[i].From), y, X(rows[i].To) - X(rows[i].From), 11, i % 2 == 0 ? c.Accent : c.Glow);
        }
    }
}
