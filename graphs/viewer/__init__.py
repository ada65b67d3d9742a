"""``newskg view``: one self-contained, offline HTML page that draws a graph (sigma.js + graphology).

``data.py`` builds the JSON the page embeds, ``page.py`` writes the page from the
template, stylesheet and script bundle in ``assets/`` (package data). The
script is built at development time from ``src/viewer.js`` and npm packages by
``build.mjs`` (see ``package.json``); installing newskg needs no npm.
"""
