"""Fetches a page N times over one keep-alive connection and prints the comment form token of each."""
import http.client
import re
import sys
import urllib.parse

url, count = sys.argv[1], int(sys.argv[2])
parts = urllib.parse.urlsplit(url)
connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
pattern = re.compile(rb'name="token" value="([^"]+)"')
for _ in range(count):
    connection.request("GET", parts.path)
    body = connection.getresponse().read()
    match = pattern.search(body)
    if match:
        print(match.group(1).decode())
