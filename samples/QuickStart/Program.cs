Console.WriteLine("QuickStart: coming in the foundation commit.");
