"""Files people take away: CSV and XLSX downloads, chart images, the briefing deck and workbook."""
