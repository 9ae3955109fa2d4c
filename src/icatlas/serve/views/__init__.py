"""The web app's views. A page view takes the request and the app's state and answers what the page and its JSON
twin show, from the atlas; the other views are the routes' own functions (documents, the API, writes, errors)."""
